// The umbrella module: `import SpectralNN` gives every layer of snn.
@_exported import SNNLinalg
@_exported import SNNData
@_exported import SNNGraph
@_exported import SNNNeural
@_exported import SNNCore
@_exported import SNNEval
@_exported import SNNReport
