// swift-tools-version:6.0
// snn — Spectral Neural Networks. Layering (an arrow = imports; nothing imports upward):
// snn (SNNCommand) → SpectralNN → SNNCore → SNNNeural, SNNGraph → SNNData → SNNLinalg → C libraries.
import PackageDescription

let package = Package(
    name: "snn",
    products: [
        .executable(name: "snn", targets: ["SNNCommand"]),
        .library(name: "SpectralNN", targets: ["SpectralNN"]),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CLAPACKE", path: "Sources/CLAPACKE"),
        .systemLibrary(name: "CARPACK", path: "Sources/CARPACK"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CCholmod", path: "Sources/CCholmod"),
        .target(name: "SNNLinalg", dependencies: ["CBLAS", "CLAPACKE", "CARPACK", "CCholmod"]),
        .target(name: "SNNData", dependencies: ["SNNLinalg", "CZlib"]),
        .target(name: "SNNGraph", dependencies: ["SNNLinalg", "SNNData"]),
        .target(name: "SNNNeural", dependencies: ["SNNLinalg", "SNNData"]),
        .target(name: "SNNCore", dependencies: ["SNNLinalg", "SNNData", "SNNGraph", "SNNNeural"]),
        .target(name: "SNNEval", dependencies: ["SNNLinalg", "SNNData", "SNNGraph", "SNNNeural", "SNNCore"]),
        .target(name: "SNNReport", dependencies: ["SNNLinalg"]),
        .target(name: "SpectralNN", dependencies: ["SNNLinalg", "SNNData", "SNNGraph", "SNNNeural", "SNNCore", "SNNEval", "SNNReport"]),
        .executableTarget(name: "SNNCommand", dependencies: ["SpectralNN"]),
        .testTarget(name: "SNNLinalgTests", dependencies: ["SNNLinalg", "SNNData"], exclude: ["Fixtures"]),
        .testTarget(name: "SNNDataTests", dependencies: ["SNNData"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SNNGraphTests", dependencies: ["SNNGraph"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SNNNeuralTests", dependencies: ["SNNNeural"]),
        .testTarget(name: "SNNCoreTests", dependencies: ["SNNCore"]),
        .testTarget(name: "SNNEvalTests", dependencies: ["SNNEval"]),
        .testTarget(name: "SNNReportTests", dependencies: ["SNNReport"]),
        .testTarget(name: "SNNCommandTests", dependencies: ["SpectralNN", "SNNCommand"]),
    ]
)
