package org.lockstep.controller.report;

import static org.lockstep.controller.report.ReportWriter.h;
import static org.lockstep.controller.report.ReportWriter.q;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.lockstep.controller.commission.CommissionRecord;
import org.lockstep.controller.commission.Finding;

/**
 * The commissioning record as JSON and as one printable, self-contained HTML page: same escaping and style as the
 * after-action report ({@link ReportWriter}), with a line to sign.
 */
public final class CommissionWriter {
    private final ZoneId zone;
    private final DateTimeFormatter time;

    public CommissionWriter(ZoneId zone) {
        this.zone = zone;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    }

    public String json(CommissionRecord r) {
        StringBuilder s = new StringBuilder("{\n  \"site\": ").append(q(r.site()))
                .append(",\n  \"controller\": ").append(q(r.controller()))
                .append(",\n  \"commissionedBy\": ").append(q(r.operator()))
                .append(",\n  \"started\": ").append(q(r.started().toString()))
                .append(",\n  \"finished\": ").append(q(r.finished().toString()))
                .append(",\n  \"passed\": ").append(r.passed())
                .append(",\n  \"stoppedBecause\": ").append(r.refusal().map(ReportWriter::q).orElse("null"))
                .append(",\n  \"devices\": [");
        for (int n = 0; n < r.findings().size(); n++) {
            Finding f = r.findings().get(n);
            s.append(n == 0 ? "\n    " : ",\n    ").append("{\"kind\": ").append(q(f.kind().text()))
                    .append(", \"id\": ").append(q(f.deviceId())).append(", \"where\": ").append(q(f.where()))
                    .append(", \"result\": ").append(q(f.passed() ? "PASS" : "FAIL"))
                    .append(", \"reason\": ").append(q(f.reason())).append('}');
        }
        return s.append("\n  ]\n}\n").toString();
    }

    public String html(CommissionRecord r) {
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Commissioning record: ")
                .append(h(r.controller())).append("</title>\n<style>\n").append(ReportWriter.CSS)
                .append("</style></head><body>\n<header><h1>Commissioning record</h1><p class=\"site\">")
                .append(h(r.site())).append("</p><p class=\"meta\">Times in ").append(h(zone.getId()))
                .append(". Each device was seen through its controller; each result is also in the controller's"
                        + " journal.</p></header>\n");
        s.append("<dl class=\"summary\"><dt>Controller</dt><dd>").append(h(r.controller()))
                .append("</dd><dt>Commissioned by</dt><dd>").append(h(r.operator()))
                .append("</dd><dt>Started</dt><dd>").append(h(time.format(r.started())))
                .append("</dd><dt>Finished</dt><dd>").append(h(time.format(r.finished())))
                .append("</dd><dt>Result</dt><dd>").append(r.passed() ? "PASS: every device passed"
                        : "<strong>FAIL</strong>: " + r.failed() + " of " + r.findings().size() + " device(s) failed"
                                + r.refusal().map(x -> "; stopped: " + h(x)).orElse(""))
                .append("</dd></dl>\n");
        s.append("<table><thead><tr><th>Result</th><th>Device</th><th>Kind</th><th>Where</th><th>Reason</th></tr>"
                + "</thead><tbody>\n");
        for (Finding f : r.findings()) {
            s.append("<tr class=\"").append(f.passed() ? "ok" : "bad").append("\"><td>")
                    .append(f.passed() ? "PASS" : "<strong>FAIL</strong>").append("</td><td>").append(h(f.deviceId()))
                    .append("</td><td>").append(h(f.kind().text())).append("</td><td>").append(h(f.where()))
                    .append("</td><td>").append(h(f.reason())).append("</td></tr>\n");
        }
        s.append("</tbody></table>\n<p class=\"meta\">Signed: ______________________ (")
                .append(h(r.operator())).append(")</p>\n</body></html>\n");
        return s.toString();
    }
}
