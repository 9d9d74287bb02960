/// The JSON objects `snn eval` writes (keys documented in docs/eval.md; stable: new keys may be added, existing
/// ones keep their name and meaning). Indices inside arrays are 0-based.
extension ReferenceMetrics {
    /// The `reference` object of the evaluation JSON.
    public var json: JSONText {
        .object([
            ("procrustes_error", .number(procrustesError)),
            ("eigenvector_procrustes_error", .number(eigenvectorProcrustesError)),
            ("subspace_error", .number(subspaceError)),
            ("largest_angle", .number(largestAngle)),
            ("principal_angles", .numbers(principalAngles)),
            ("reference_values", .numbers(referenceValues)),
            ("estimated_values", .numbers(estimatedValues)),
            ("eigenvalue_relative_errors", .numbers(eigenvalueRelativeErrors)),
            ("relative_gaps", .numbers(relativeGaps)),
            ("correlations", .numbers(correlations)),
            ("degenerate_clusters", .array(degenerateClusters.map { .array($0.map { .integer($0) }) })),
            ("cluster_crosses_rank", .bool(clusterCrossesRank)),
            ("degeneracy_threshold", .number(degeneracyThreshold)),
        ])
    }
}

extension Certificate {
    /// The `certificate` object of the evaluation JSON.
    public var json: JSONText {
        .object([
            ("certified", .bool(certified)),
            ("sin_theta_bound", .number(bound)),
            ("subspace_error_bound", .number(subspaceErrorBound)),
            ("ritz_values", .numbers(ritzValues)),
            ("residual_norm", .number(residualNorm)),
            ("residual_column_norms", .numbers(residualColumnNorms)),
            ("upper_bound_next_eigenvalue", .number(upperBoundNextEigenvalue)),
            ("gap", .number(gap)),
            ("lanczos_steps", .integer(lanczos.steps)),
            ("lanczos_top_ritz_value", .number(lanczos.topRitzValue)),
            ("lanczos_residual_bound", .number(lanczos.residualBound)),
        ])
    }
}

extension ClusteringEvaluation {
    /// The `clustering` object of the evaluation JSON.
    public var json: JSONText {
        .object([
            ("clusters", .integer(clusters)),
            ("classes", .integer(classes)),
            ("normalize_rows", .bool(normalizeRows)),
            ("adjusted_rand_index", .number(adjustedRandIndex)),
            ("normalized_mutual_information", .number(normalizedMutualInformation)),
            ("accuracy", .number(accuracy)),
            ("inertia", .number(inertia)),
        ])
    }
}
