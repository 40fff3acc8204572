package org.gpupoor.arena.rating;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the plain Bradley-Terry fit cannot stand on its own, and the few virtual battles that make
 * it stand, added only there. The maximum-likelihood ratings exist exactly when the "has beaten" graph is
 * strongly connected (Zermelo, Ford): every model has beaten every other directly or through a
 * chain (a tie links both ways). Otherwise some gap is infinite: a model that never lost, one that
 * never won, a group that never met the rest.
 *
 * <p>The rule: split the graph into its strongly connected parts; the part whose models played the
 * most battles is the board's core (on a tie, the part of the model first in name order), and
 * every model outside it is regularised with one virtual win and one virtual loss against the
 * field (spread evenly over every other model, like the field score).
 * That links each of them to everyone both ways, so the fit exists, and it places them with the
 * weight of two battles; the core's gaps stay its own maximum-likelihood ones (its models move by
 * the sliver of virtual battle each played against the regularised ones). With all models in one
 * part nothing is added. An operator's {@code priorBattles} gives every model that many virtual
 * battles against the field instead: optional shrinkage toward the middle, off by default.
 */
public final class VirtualGames {
    /** Virtual battles given to a model whose rating has no maximum-likelihood value: one win, one loss. */
    static final double WHERE_NEEDED = 2.0;

    private VirtualGames() {}

    /** Per model: true when its rating needs virtual battles to exist (it lies outside the core). */
    public static boolean[] needed(double[][] wins) {
        int n = wins.length;
        int[] part = parts(wins);
        int parts = 0;
        for (int p : part) {
            parts = Math.max(parts, p + 1);
        }
        boolean[] outside = new boolean[n];
        if (parts <= 1) {
            return outside;
        }
        double[] battles = new double[parts];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                battles[part[i]] += wins[i][j] + wins[j][i];
            }
        }
        int core = part[0];
        for (int i = 0; i < n; i++) {
            if (battles[part[i]] > battles[core]) {
                core = part[i];
            }
        }
        for (int i = 0; i < n; i++) {
            outside[i] = part[i] != core;
        }
        return outside;
    }

    /**
     * {@code wins} with the virtual battles added, each split half a win each way. With an
     * operator's prior every pair gets {@code priorBattles / (n - 1)} of them, so each model plays
     * {@code priorBattles} in all and every model is linked to every other: the fit exists, nothing
     * more is needed. Without one, only the models outside the core get theirs.
     */
    public static double[][] added(double[][] wins, double priorBattles) {
        int n = wins.length;
        boolean[] outside = priorBattles > 0 ? new boolean[n] : needed(wins);
        double[][] augmented = new double[n][];
        for (int i = 0; i < n; i++) {
            augmented[i] = wins[i].clone();
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double games = priorBattles + (outside[i] ? WHERE_NEEDED : 0) + (outside[j] ? WHERE_NEEDED : 0);
                augmented[i][j] += games / (n - 1) / 2;
                augmented[j][i] += games / (n - 1) / 2;
            }
        }
        return augmented;
    }

    /**
     * Strongly connected parts by Kosaraju's two passes over {@code i -> j} when i has (half-)beaten j:
     * part numbers from 0, the same for models that reach each other.
     */
    static int[] parts(double[][] wins) {
        int n = wins.length;
        boolean[] seen = new boolean[n];
        List<Integer> finished = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!seen[i]) {
                visit(wins, i, true, seen, finished);
            }
        }
        int[] part = new int[n];
        boolean[] assigned = new boolean[n];
        int next = 0;
        for (int k = finished.size() - 1; k >= 0; k--) {
            int root = finished.get(k);
            if (!assigned[root]) {
                List<Integer> members = new ArrayList<>();
                visit(wins, root, false, assigned, members);
                for (int m : members) {
                    part[m] = next;
                }
                next++;
            }
        }
        return part;
    }

    /** Depth-first from {@code i} along beats (forward) or was-beaten-by (backward), recording each model once done. */
    private static void visit(double[][] wins, int i, boolean forward, boolean[] seen, List<Integer> done) {
        seen[i] = true;
        for (int j = 0; j < wins.length; j++) {
            if (!seen[j] && (forward ? wins[i][j] : wins[j][i]) > 0) {
                visit(wins, j, forward, seen, done);
            }
        }
        done.add(i);
    }
}
