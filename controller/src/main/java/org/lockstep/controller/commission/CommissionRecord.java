package org.lockstep.controller.commission;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one commissioning run found on one controller, and who ran it: the printable record
 * ({@code report.CommissionWriter}) and, device by device, the controller's journal ({@code COMMISSIONED}).
 *
 * @param refusal why the walkthrough stopped part-way (a zone left NORMAL, the controller refused a test lock), if it
 *     did: the findings before it stand
 */
public record CommissionRecord(String site, String controller, String operator, Instant started, Instant finished,
        List<Finding> findings, Optional<String> refusal) {
    public CommissionRecord {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        findings = List.copyOf(findings);
        Objects.requireNonNull(refusal, "refusal");
    }

    /** Every device checked passed and the walkthrough ran to the end. */
    public boolean passed() {
        return refusal.isEmpty() && findings.stream().allMatch(Finding::passed);
    }

    public long failed() {
        return findings.stream().filter(f -> !f.passed()).count();
    }
}
