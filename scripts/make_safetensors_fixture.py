#!/usr/bin/env python3
"""Writes a tiny .safetensors file with the Python `safetensors` package and prints it as base64.

The SNNNeural tests embed the printed string (Tests/SNNNeuralTests/SafeTensorsTests.swift, `pythonFixture`)
and check that snn decodes exactly these tensors and metadata. Requirements: `pip install safetensors numpy`.

Usage: python3 scripts/make_safetensors_fixture.py [OUT.safetensors]
"""
import base64
import sys

import numpy as np
from safetensors.numpy import save

TENSORS = {
    # weight 2 x 3 (out x in, nn.Linear layout): w[i, j] = i * 10 + j + 0.5
    "layers.0.weight": (np.arange(3, dtype=np.float32)[None, :] + 10 * np.arange(2, dtype=np.float32)[:, None] + 0.5),
    "layers.0.bias": np.array([-1.25, 2.0], dtype=np.float32),
    "sigma": np.array([0.5, 0.25, 0.125, 1e-3], dtype=np.float64),
    "counts": np.array([[-3, 0, 7]], dtype=np.int64),
}
METADATA = {"activation": "relu", "widths": "3,2", "note": "fixture \"quoted\" \u00e9"}


def main() -> None:
    data = save(TENSORS, metadata=METADATA)
    if len(sys.argv) > 1:
        with open(sys.argv[1], "wb") as f:
            f.write(data)
    print(f"// {len(data)} bytes, safetensors.numpy.save")
    print(base64.b64encode(data).decode("ascii"))


if __name__ == "__main__":
    main()
