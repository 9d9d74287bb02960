import Foundation
import SNNLinalg

/// Agreement between two labelings of the same points (scikit-learn `sklearn.metrics`): adjusted Rand index,
/// normalized mutual information and the best-matching accuracy. Labels are any integers; only equality matters.
public enum ClusteringScores {
    /// The contingency table `N[a, b]` = number of points with class `a` in `truth` and cluster `b` in
    /// `predicted`, classes and clusters numbered by ascending label (scikit-learn `contingency_matrix`).
    /// - Throws: `EvalError.mismatch` for labelings of different lengths; `EvalError.invalidData` when empty.
    /// - Complexity: O(n log n + classes · clusters).
    public static func contingency(_ truth: [Int], _ predicted: [Int]) throws -> (table: [[Int]], classes: [Int], clusters: [Int]) {
        guard truth.count == predicted.count else {
            throw EvalError.mismatch("there are \(truth.count) labels but \(predicted.count) predicted clusters; "
                + "the labels must have one entry per point")
        }
        guard !truth.isEmpty else { throw EvalError.invalidData("no labels to compare; pass at least one point") }
        let classes = Array(Set(truth)).sorted(), clusters = Array(Set(predicted)).sorted()
        let ci = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let ki = Dictionary(uniqueKeysWithValues: clusters.enumerated().map { ($1, $0) })
        var table = [[Int]](repeating: [Int](repeating: 0, count: clusters.count), count: classes.count)
        for (a, b) in zip(truth, predicted) { table[ci[a]!][ki[b]!] += 1 }
        return (table, classes, clusters)
    }

    /// The adjusted Rand index (scikit-learn `adjusted_rand_score`): 1 for identical partitions, about 0 for
    /// independent ones, negative below chance. When the expected and the maximal index coincide (both labelings
    /// a single cluster, or both all singletons) the partitions are identical and the result is 1.
    /// - Throws: the errors of `contingency`.
    /// - Complexity: O(n log n + classes · clusters).
    public static func adjustedRandIndex(_ truth: [Int], _ predicted: [Int]) throws -> Double {
        let (table, _, _) = try contingency(truth, predicted)
        func pairs(_ m: Int) -> Double { Double(m) * Double(m - 1) / 2 }
        let n = truth.count
        var index = 0.0
        var rowSums = [Int](repeating: 0, count: table.count)
        var colSums = [Int](repeating: 0, count: table.first?.count ?? 0)
        for (a, row) in table.enumerated() {
            for (b, m) in row.enumerated() { index += pairs(m); rowSums[a] += m; colSums[b] += m }
        }
        let sumA = rowSums.reduce(0) { $0 + pairs($1) }, sumB = colSums.reduce(0) { $0 + pairs($1) }
        let total = pairs(n)
        let expected = total == 0 ? 0 : sumA * sumB / total
        let maximum = (sumA + sumB) / 2
        if maximum == expected { return 1 }
        return (index - expected) / (maximum - expected)
    }

    /// Normalized mutual information with the arithmetic-mean normalization, scikit-learn's default
    /// (`normalized_mutual_info_score(…, average_method="arithmetic")`): `MI / ((H(truth) + H(predicted)) / 2)`,
    /// natural logarithms. 1 when both labelings have a single cluster; 0 when the mutual information is 0.
    /// - Throws: the errors of `contingency`.
    /// - Complexity: O(n log n + classes · clusters).
    public static func normalizedMutualInformation(_ truth: [Int], _ predicted: [Int]) throws -> Double {
        let (table, classes, clusters) = try contingency(truth, predicted)
        if classes.count == 1 && clusters.count == 1 { return 1 }
        let n = Double(truth.count)
        let rowSums = table.map { Double($0.reduce(0, +)) }
        var colSums = [Double](repeating: 0, count: clusters.count)
        for row in table { for (b, m) in row.enumerated() { colSums[b] += Double(m) } }
        var mi = 0.0
        for (a, row) in table.enumerated() {
            for (b, m) in row.enumerated() where m > 0 {
                let p = Double(m) / n
                mi += p * (log(Double(m) * n) - log(rowSums[a] * colSums[b]))
            }
        }
        mi = max(mi, 0)
        if mi == 0 { return 0 }
        func entropy(_ counts: [Double]) -> Double {
            counts.reduce(0) { $1 > 0 ? $0 - ($1 / n) * log($1 / n) : $0 }
        }
        let normalizer = (entropy(rowSums) + entropy(colSums)) / 2
        return min(mi / normalizer, 1)
    }

    /// The fraction of points whose cluster, after the best one-to-one relabeling of clusters to classes, equals
    /// their class ("clustering accuracy"; the matching is the Hungarian assignment on the contingency table).
    /// With more clusters than classes (or fewer) the unmatched ones count as wrong.
    /// - Throws: the errors of `contingency`.
    /// - Complexity: O(n log n + k³) for k = max(classes, clusters).
    public static func clusteringAccuracy(_ truth: [Int], _ predicted: [Int]) throws -> Double {
        let (table, _, _) = try contingency(truth, predicted)
        let k = max(table.count, table[0].count)
        let largest = Double(truth.count)
        // Maximize matched counts = minimize (largest − count) on the zero-padded square table.
        let cost = Matrix<Double>(rows: k, cols: k) { a, b in
            largest - (a < table.count && b < table[a].count ? Double(table[a][b]) : 0)
        }
        let match = Hungarian.assignment(cost: cost)
        var correct = 0
        for a in 0..<table.count where match[a] < table[a].count { correct += table[a][match[a]] }
        return Double(correct) / largest
    }
}
