package org.gpupoor.arena.rating;

import java.util.ArrayList;
import java.util.List;

/**
 * Bradley-Terry with covariates, as the best public arena's "style control" fits it: {@code P(A
 * beats B) = sigmoid(theta_A - theta_B + sum_k beta_k x_k)}, where {@code x} is what the voter saw
 * of A's answer against B's (longer, more markdown, faster). The ratings are then what a model is
 * worth with those held equal, and each {@code beta_k} says how much the voters paid for the
 * feature. Ties count as half a win each way; battles are the rows of a logistic regression fitted
 * by Newton's method, with 95% Wald intervals from the inverse of the observed information.
 *
 * <p>Models whose plain rating would not exist get the same virtual battles as in {@link
 * BradleyTerry} (with no features), so a fit without features is exactly the plain board.
 */
public final class ControlledFit {
    private static final double ELO = BradleyTerry.ELO_PER_NATURAL_LOG;
    private static final double Z_95 = 1.959963984540054;
    private static final int MAX_ITERATIONS = 100;
    private static final double MAX_STEP = 2.0;
    // Newton converges quadratically: after a step this small the error left is about its square.
    private static final double TOLERANCE = 1e-6;
    // On a young log a coefficient's maximum-likelihood value can be infinite (the longer answer
    // won every vote so far); a prior worth about one battle keeps it finite and moves nothing on
    // a log of thousands.
    private static final double COEFFICIENT_PRIOR = 1.0;

    /** A fitted value on the Elo scale with its 95% interval. */
    public record Estimate(double value, double low, double high) {
        public boolean contains(double x) {
            return low <= x && x <= high;
        }
    }

    /**
     * Ratings (mean as asked) in the order of {@code models} (name order), and per feature its
     * price in Elo points per unit of the feature; {@code logLikelihood} is the battles' own (ties
     * as two half outcomes, natural log), without virtual battles or prior, for comparing fits.
     */
    public record Result(
            List<String> models,
            List<Estimate> ratings,
            List<String> features,
            List<Estimate> coefficients,
            double logLikelihood) {
        public Estimate rating(String model) {
            return ratings.get(models.indexOf(model));
        }

        public Estimate coefficient(String feature) {
            return coefficients.get(features.indexOf(feature));
        }
    }

    private ControlledFit() {}

    /**
     * Answer length or a markdown count (headers, list items, bold spans: the best public arena's
     * style features) of A against B: {@code (a - b) / (a + b)}, in [-1, 1], 0 when both are 0.
     */
    public static double normalisedDifference(double a, double b) {
        return a + b == 0 ? 0 : (a - b) / (a + b);
    }

    /**
     * A speed of A against B in doublings, {@code log2(a / b)}: tokens per second, or seconds to
     * the first token counted from when the model was loaded (a cold start is the arena's doing,
     * not the model's). 0 when either is missing (not positive, NaN).
     */
    public static double logRatio(double a, double b) {
        return a > 0 && b > 0 ? Math.log(a / b) / Math.log(2) : 0;
    }

    /** The fit; every battle's {@code features} has one value per name in {@code featureNames}. */
    public static Result fit(List<CovariateBattle> battles, List<String> featureNames, double meanRating) {
        CovariateLikelihood likelihood = new CovariateLikelihood(battles, featureNames.size());
        List<String> models = likelihood.models();
        int n = models.size();
        int p = n + featureNames.size();
        double[] params = new double[p];
        // Style moves ratings by tens of points, not hundreds: from the plain board Newton needs
        // a step or two fewer than from zero.
        for (int i = 0; i < n; i++) {
            params[i] = likelihood.plainRatings()[i] / ELO;
        }
        double[] information = null;
        double logLikelihood = 0;
        boolean settled = n == 0;
        for (int iteration = 0; iteration < MAX_ITERATIONS && !settled; iteration++) {
            double[] gradient = new double[p];
            information = new double[p * p];
            logLikelihood = likelihood.accumulate(params, gradient, information);
            for (int i = 0; i < n; i++) {
                // Shifting every rating changes nothing, so the information is singular along
                // (1, ..., 1, 0, ...); adding that direction removes it from the step (the
                // gradient sums to 0 over the ratings) without changing the maximum.
                for (int j = 0; j < n; j++) {
                    information[i * p + j] += 1;
                }
            }
            for (int k = n; k < p; k++) {
                information[k * p + k] += COEFFICIENT_PRIOR;
                gradient[k] -= COEFFICIENT_PRIOR * params[k];
            }
            double[] step = new Cholesky(information, p).solve(gradient);
            double largest = 0;
            for (double s : step) {
                largest = Math.max(largest, Math.abs(s));
            }
            double scale = largest > MAX_STEP ? MAX_STEP / largest : 1;
            for (int i = 0; i < p; i++) {
                params[i] += scale * step[i];
            }
            settled = largest < TOLERANCE;
        }
        if (!settled) {
            throw new IllegalStateException("the controlled fit did not settle in " + MAX_ITERATIONS + " steps");
        }
        return result(models, featureNames, params, information, logLikelihood, meanRating);
    }

    private static Result result(
            List<String> models,
            List<String> featureNames,
            double[] params,
            double[] information,
            double logLikelihood,
            double meanRating) {
        int n = models.size();
        double[] variance = n == 0 ? new double[0] : new Cholesky(information, params.length).inverseDiagonal();
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += params[i] / n;
        }
        List<Estimate> ratings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // The added direction contributes 1/n^2 to every rating's variance: taking it off gives
            // the variance of the ratings with their mean pinned, as the bootstrap pins it.
            double se = ELO * Math.sqrt(Math.max(0, variance[i] - 1.0 / ((double) n * n)));
            double r = meanRating + ELO * (params[i] - mean);
            ratings.add(new Estimate(r, r - Z_95 * se, r + Z_95 * se));
        }
        List<Estimate> coefficients = new ArrayList<>();
        for (int k = n; k < params.length; k++) {
            double se = ELO * Math.sqrt(variance[k]);
            double c = ELO * params[k];
            coefficients.add(new Estimate(c, c - Z_95 * se, c + Z_95 * se));
        }
        return new Result(
                models, List.copyOf(ratings), List.copyOf(featureNames), List.copyOf(coefficients), logLikelihood);
    }
}
