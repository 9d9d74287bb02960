import XCTest
import Foundation
import SNNLinalg
@testable import SNNGraph

/// Agreement with scikit-learn and SciPy on a committed fixture (scripts/make_graph_fixtures.py).
final class ScikitLearnFixtureTests: XCTestCase {
    private struct SparseFixture: Decodable {
        let indptr: [Int]
        let indices: [Int32]
        let data: [Double]
    }

    private struct Fixture: Decodable {
        let points: [[Double]]
        let k: Int
        let knn_indices: [[Int32]]
        let knn_distances: [[Double]]
        let knn_union: SparseFixture
        let knn_mutual: SparseFixture
        let radius: Double
        let radius_graph: SparseFixture
        let eps: Double
        let normalized_adjacency: SparseFixture
        let components_radius: Double
        let components_count: Int
        let components_labels: [Int32]
    }

    private func load() throws -> Fixture {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "sklearn_graphs", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    func testNeighboursAndGraphsMatchScikitLearn() throws {
        let f = try load()
        let x = Matrix(f.points)
        for algorithm in [NeighborAlgorithm.kdtree, .brute] {
            let nn = try NeighborSearch.kNearest(x, k: f.k, algorithm: algorithm)
            XCTAssertEqual(nn.indices, f.knn_indices.flatMap { $0 })
            for (a, b) in zip(nn.distances, f.knn_distances.flatMap { $0 }) { XCTAssertEqual(a, b, accuracy: 1e-14) }

            let union = try SimilarityGraph.knn(x, k: f.k, algorithm: algorithm)
            XCTAssertEqual(union.rowPointers, f.knn_union.indptr)
            XCTAssertEqual(union.columnIndices, f.knn_union.indices)
            XCTAssertEqual(union.values, f.knn_union.data)
            let mutual = try SimilarityGraph.knn(x, k: f.k, mutual: true, algorithm: algorithm)
            XCTAssertEqual(mutual.rowPointers, f.knn_mutual.indptr)
            XCTAssertEqual(mutual.columnIndices, f.knn_mutual.indices)

            let pairs = try NeighborSearch.withinRadius(x, radius: f.radius, algorithm: algorithm)
            XCTAssertEqual(pairs.offsets, f.radius_graph.indptr)
            XCTAssertEqual(pairs.neighbors, f.radius_graph.indices)
            for (a, b) in zip(pairs.distances, f.radius_graph.data) { XCTAssertEqual(a, b, accuracy: 1e-14) }

            let a = try SimilarityGraph.epsilon(x, eps: f.eps, algorithm: algorithm).normalizedAdjacency()
            XCTAssertEqual(a.rowPointers, f.normalized_adjacency.indptr)
            XCTAssertEqual(a.columnIndices, f.normalized_adjacency.indices)
            for (u, v) in zip(a.values, f.normalized_adjacency.data) { XCTAssertEqual(u, v, accuracy: 1e-15) }

            let sparse = try SimilarityGraph.epsilon(x, eps: f.components_radius, selfLoops: false, algorithm: algorithm)
            let components = sparse.connectedComponents()
            XCTAssertEqual(components.count, f.components_count)
            XCTAssertEqual(components.labels, f.components_labels)
        }
    }
}
