package org.gpupoor.arena.rating;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The battles of a {@link ControlledFit} as primitive arrays (model indices looked up once), and
 * one pass over them: log-likelihood, gradient and observed information. A battle touches only
 * the entries of its two models and the features, so a pass costs one exponential and a few dozen
 * multiply-adds per battle.
 */
final class CovariateLikelihood {
    private static final int CHUNKS = 8;
    private static final int MIN_CHUNK = 50_000;
    private final int models;
    private final int features;
    private final int[] a;
    private final int[] b;
    private final double[] score;
    private final double[] x;
    private final double[][] virtualGames;
    private final List<String> names;
    private final double[] plainRatings;

    CovariateLikelihood(List<CovariateBattle> battles, int features) {
        this.features = features;
        int m = battles.size();
        a = new int[m];
        b = new int[m];
        score = new double[m];
        x = new double[m * features];
        Map<String, Integer> seen = new HashMap<>();
        for (int t = 0; t < m; t++) {
            CovariateBattle battle = battles.get(t);
            if (battle.features().length != features) {
                throw new IllegalArgumentException(
                        "battle " + t + " has " + battle.features().length + " features, not " + features);
            }
            a[t] = seen.computeIfAbsent(battle.modelA(), k -> seen.size());
            b[t] = seen.computeIfAbsent(battle.modelB(), k -> seen.size());
            score[t] = switch (battle.outcome()) {
                case A -> 1;
                case B -> 0;
                case TIE, BOTH_BAD -> 0.5;
            };
            for (int k = 0; k < features; k++) {
                if (!Double.isFinite(battle.features()[k])) {
                    throw new IllegalArgumentException("battle " + t + " has a feature that is not a number");
                }
                x[t * features + k] = battle.features()[k];
            }
        }
        // Indices in name order, as every board lists its models.
        this.models = seen.size();
        this.names = List.copyOf(new TreeSet<>(seen.keySet()));
        int[] byName = new int[models];
        for (int i = 0; i < models; i++) {
            byName[seen.get(names.get(i))] = i;
        }
        double[][] wins = new double[models][models];
        for (int t = 0; t < m; t++) {
            a[t] = byName[a[t]];
            b[t] = byName[b[t]];
            wins[a[t]][b[t]] += score[t];
            wins[b[t]][a[t]] += 1 - score[t];
        }
        double[][] added = VirtualGames.added(wins, 0);
        double[] newton = NewtonFit.unshifted(added, null);
        plainRatings = newton != null ? newton : BradleyTerry.unshifted(added, null);
        virtualGames = new double[models][models];
        for (int i = 0; i < models; i++) {
            for (int j = 0; j < models; j++) {
                virtualGames[i][j] = (added[i][j] - wins[i][j]) * 2;
            }
        }
    }

    /** The models in name order: the index of every rating. */
    List<String> models() {
        return names;
    }

    /** The plain Bradley-Terry ratings (Elo scale, mean 0): where the controlled fit starts. */
    double[] plainRatings() {
        return plainRatings;
    }

    /**
     * Adds the gradient of the log-likelihood at {@code params} (ratings in natural-log units, then
     * coefficients) to {@code gradient}, and the observed information (minus the Hessian) to the
     * lower triangle of {@code information}, row-major; returns the battles' log-likelihood.
     */
    double accumulate(double[] params, double[] gradient, double[] information) {
        int p = models + features;
        // Chunks summed in a fixed order: the same log gives the same fit on any number of cores.
        int chunks = (int) Math.min(CHUNKS, 1 + a.length / MIN_CHUNK);
        double[][] partial = IntStream.range(0, chunks)
                .parallel()
                .mapToObj(c -> {
                    double[] sums = new double[1 + p + p * p];
                    sums[0] = accumulate(
                            params,
                            (int) ((long) a.length * c / chunks),
                            (int) ((long) a.length * (c + 1) / chunks),
                            sums);
                    return sums;
                })
                .toArray(double[][]::new);
        double logLikelihood = 0;
        for (double[] sums : partial) {
            logLikelihood += sums[0];
            for (int i = 0; i < p; i++) {
                gradient[i] += sums[1 + i];
            }
            for (int i = 0; i < p * p; i++) {
                information[i] += sums[1 + p + i];
            }
        }
        addVirtual(params, gradient, information);
        return logLikelihood;
    }

    /** Battles {@code from} to {@code to}: gradient into {@code sums[1..p]}, information after it. */
    private double accumulate(double[] params, int from, int to, double[] sums) {
        int p = models + features;
        double[] gradient = new double[p];
        double[] information = new double[p * p];
        double logLikelihood = 0;
        for (int t = from; t < to; t++) {
            int ia = a[t];
            int ib = b[t];
            int offset = t * features;
            double z = params[ia] - params[ib];
            for (int k = 0; k < features; k++) {
                z += params[models + k] * x[offset + k];
            }
            double e = Math.exp(-z);
            double s = 1 / (1 + e);
            double residual = score[t] - s;
            double w = s * (1 - s);
            logLikelihood -= Math.log(1 + e) + (1 - score[t]) * z;
            gradient[ia] += residual;
            gradient[ib] -= residual;
            information[ia * p + ia] += w;
            information[ib * p + ib] += w;
            information[Math.max(ia, ib) * p + Math.min(ia, ib)] -= w;
            for (int k = 0; k < features; k++) {
                double xk = x[offset + k];
                double wx = w * xk;
                int row = (models + k) * p;
                gradient[models + k] += residual * xk;
                information[row + ia] += wx;
                information[row + ib] -= wx;
                for (int l = 0; l <= k; l++) {
                    information[row + models + l] += wx * x[offset + l];
                }
            }
        }
        System.arraycopy(gradient, 0, sums, 1, p);
        System.arraycopy(information, 0, sums, 1 + p, p * p);
        return logLikelihood;
    }

    /** Virtual battles: half a win each way, no features. */
    private void addVirtual(double[] params, double[] gradient, double[] information) {
        int p = models + features;
        for (int i = 0; i < models; i++) {
            for (int j = 0; j < i; j++) {
                double games = virtualGames[i][j];
                if (games > 0) {
                    double s = 1 / (1 + Math.exp(params[j] - params[i]));
                    double w = games * s * (1 - s);
                    gradient[i] += games * (0.5 - s);
                    gradient[j] -= games * (0.5 - s);
                    information[i * p + i] += w;
                    information[j * p + j] += w;
                    information[i * p + j] -= w;
                }
            }
        }
    }
}
