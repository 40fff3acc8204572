package org.gpupoor.arena.leaderboard;

import java.util.List;
import org.gpupoor.arena.rating.BradleyTerry;
import org.gpupoor.arena.rating.PairCounts;

/** The Bradley-Terry board's head-to-head matrix, rows and columns in board order. */
final class MatrixOf {
    private MatrixOf() {}

    static StrengthBoard.Matrix board(PairCounts counts, double[] ratings, List<StrengthBoard.Row> rows) {
        int n = rows.size();
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = counts.models().indexOf(rows.get(k).model());
        }
        double[][] halfWins = counts.halfWins();
        long[][] battles = new long[n][n];
        Double[][] observed = new Double[n][n];
        double[][] predicted = new double[n][n];
        for (int x = 0; x < n; x++) {
            for (int y = 0; y < n; y++) {
                int i = order[x];
                int j = order[y];
                double games = x == y ? 0 : halfWins[i][j] + halfWins[j][i];
                battles[x][y] = Math.round(games);
                observed[x][y] = games > 0 ? StrengthBoard.round3(halfWins[i][j] / games) : null;
                predicted[x][y] =
                        x == y ? 0.5 : StrengthBoard.round3(BradleyTerry.winProbability(ratings[i], ratings[j]));
            }
        }
        return new StrengthBoard.Matrix(
                rows.stream().map(StrengthBoard.Row::model).toList(),
                rows.stream().map(StrengthBoard.Row::name).toList(),
                battles,
                observed,
                predicted);
    }
}
