package org.gpupoor.arena.rating;

import java.util.List;
import java.util.Map;

/**
 * The battles of a {@link ControlledFit} as primitive arrays (model indices looked up once), and
 * one pass over them: log-likelihood, gradient and observed information. A battle touches only
 * the entries of its two models and the features, so a pass costs one exponential and a few dozen
 * multiply-adds per battle.
 */
final class CovariateLikelihood {
    private final int models;
    private final int features;
    private final int[] a;
    private final int[] b;
    private final double[] score;
    private final double[] x;
    private final double[][] virtualGames;

    CovariateLikelihood(List<CovariateBattle> battles, Map<String, Integer> index, int features) {
        this.models = index.size();
        this.features = features;
        int m = battles.size();
        a = new int[m];
        b = new int[m];
        score = new double[m];
        x = new double[m * features];
        double[][] wins = new double[models][models];
        for (int t = 0; t < m; t++) {
            CovariateBattle battle = battles.get(t);
            if (battle.features().length != features) {
                throw new IllegalArgumentException(
                        "battle " + t + " has " + battle.features().length + " features, not " + features);
            }
            a[t] = index.get(battle.modelA());
            b[t] = index.get(battle.modelB());
            score[t] = switch (battle.outcome()) {
                case A -> 1;
                case B -> 0;
                case TIE, BOTH_BAD -> 0.5;
            };
            System.arraycopy(battle.features(), 0, x, t * features, features);
            wins[a[t]][b[t]] += score[t];
            wins[b[t]][a[t]] += 1 - score[t];
        }
        double[][] added = VirtualGames.added(wins, 0);
        virtualGames = new double[models][models];
        for (int i = 0; i < models; i++) {
            for (int j = 0; j < models; j++) {
                virtualGames[i][j] = (added[i][j] - wins[i][j]) * 2;
            }
        }
    }

    /**
     * Adds the gradient of the log-likelihood at {@code params} (ratings in natural-log units, then
     * coefficients) to {@code gradient}, and the observed information (minus the Hessian) to the
     * lower triangle of {@code information}, row-major; returns the battles' log-likelihood.
     */
    double accumulate(double[] params, double[] gradient, double[] information) {
        int p = models + features;
        double logLikelihood = 0;
        for (int t = 0; t < a.length; t++) {
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
            logLikelihood -= Math.log1p(e) + (1 - score[t]) * z;
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
        // Virtual battles: half a win each way, no features.
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
        return logLikelihood;
    }
}
