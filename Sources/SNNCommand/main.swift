import SpectralNN
print("snn")
