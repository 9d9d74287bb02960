"""Writes the hostile-header inputs of Tests/SNNDataTests/Fixtures/regressions/ (run from the repository root:
python3 fuzz/make_regressions.py). Each file claims far more data than it holds; the readers must refuse it
before allocating anything (RegressionHostileHeaderTests)."""
import os, struct, zlib

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "SNNDataTests", "Fixtures", "regressions")
os.makedirs(out, exist_ok=True)

def npy_header(d, major=1):
    text = d.encode("latin1")
    prefix = 10 if major == 1 else 12
    pad = 64 - (prefix + len(text) + 1) % 64
    text += b" " * pad + b"\n"
    length = struct.pack("<H", len(text)) if major == 1 else struct.pack("<I", len(text))
    return b"\x93NUMPY" + bytes([major, 0]) + length + text

def put(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)

# 10^12 float64 elements announced, 16 bytes present.
put("npy_1e12_elements.npy", npy_header("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }") + bytes(16))
# A shape whose element count overflows 64 bits.
put("npy_shape_overflow.npy", npy_header("{'descr': '<f8', 'fortran_order': True, 'shape': (4611686018427387904, 4, 3), }") + bytes(8))
# A version 2.0 header length of 4 GiB in a 100-byte file.
put("npy_header_length_4gib.npy", b"\x93NUMPY\x02\x00" + struct.pack("<I", 0xFFFFFFFF) + b"{'descr': '<f8'" + bytes(73))

def zip_member(name, payload, method, crc, compressed, uncompressed):
    n = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, compressed, uncompressed, len(n), 0) + n + payload
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x031E, 20, 0, method, 0, 0x21, crc, compressed, uncompressed,
                          len(n), 0, 0, 0, 0, 0o100644 << 16, 0) + n
    return local, central

def zip_file(local, central, count=None):
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count or 1, count or 1, len(central), len(local), 0)
    return local + central + end

# A deflated member that claims 4 GiB from 10 compressed bytes (more than deflate's 1032:1 can give).
body = zlib.compressobj(9, zlib.DEFLATED, -15)
payload = body.compress(bytes(64)) + body.flush()
local, central = zip_member("a.npy", payload, 8, zlib.crc32(bytes(64)), len(payload), 0xFFFFFFF0)
put("npz_inflate_claims_4gib.npz", zip_file(local, central))
# The end record announces 65535 members in a 51-byte directory.
local, central = zip_member("a.npy", b"x", 0, zlib.crc32(b"x"), 1, 1)
put("npz_65535_members.npz", zip_file(local, central, count=0xFFFF - 1))
# A deflated member whose data inflates to more than its declared size (a small "zip bomb").
payload = zlib.compressobj(9, zlib.DEFLATED, -15)
payload = payload.compress(bytes(100000)) + payload.flush()
local, central = zip_member("a.npy", payload, 8, zlib.crc32(bytes(100)), len(payload), 100)
put("npz_inflates_past_declared.npz", zip_file(local, central))
# A CSV line of 20000 commas (one row of 20001 empty values).
put("csv_commas.csv", b"1" + b"," * 20000 + b"\n")
