package org.lockstep.controller.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The known word closest to a typo, if one is close enough to be worth suggesting. */
public final class DidYouMean {
    private DidYouMean() {}

    public static Optional<String> closest(String found, Collection<String> known) {
        String f = found.toLowerCase(Locale.ROOT);
        // Short words tolerate one slip; longer ones two. Case is ignored: "actuationMS" means "actuationMs".
        int allowed = f.length() <= 4 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(f, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= allowed && bestDistance < f.length() ? Optional.of(best) : Optional.empty();
    }

    /** " (did you mean 'x'?)" or nothing. */
    public static String hint(String found, Collection<String> known) {
        return closest(found, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
    }

    /** Optimal-string-alignment distance: Levenshtein plus swapped neighbours, the commonest typo. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
