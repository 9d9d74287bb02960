/// The version of snn, printed by `snn --version` (the one place it is written).
let snnVersion = "0.1.0"
