"""Names every scan of the conformance records a Swift process makes, with who asked (a gdb script).

The first time a process asks whether a type conforms to a protocol (a cast, a `Mirror`, a generic
type made from its mangled name), the Swift runtime reads every conformance record of the binary:
about 0.43 M instructions in `ledgerprint` (docs/performance.md, session 18). This script stops at
the runtime's lookup (`swift_conformsToProtocolMaybeInstantiateSuperclasses`) and counts the calls
of its per-record step, so each lookup that scanned is listed with the type, the protocol and the
records it read; with SCANS_BACKTRACE=1, also the stack that asked.

    strip --strip-debug -o /tmp/lp .build/release/ledgerprint       # gdb reads the symbols faster
    SCANS_OUT=/tmp/scans.txt gdb -q -batch -x Benchmarks/reference/conformance_scans.py \\
        --args /tmp/lp invoices print 2009/0001 --store /tmp/store.sqlite -o /tmp/i.pdf --force
    swift demangle --compact < /tmp/scans.txt

(`ledgerprint-bench process-store` writes the process suite's store.) A lookup whose answer was
cached reads no record and is left out. Nested lookups (a generic type's requirements checked while
another lookup runs) are counted to the innermost one that started last, so a pair of them can show
part of a scan each; the total of records read divided by the number of records is the number of
scans. It takes a few minutes: gdb stops at each of the hundreds of thousands of records read.
"""

import os
import struct
import subprocess

import gdb

LOOKUP = "_ZL52swift_conformsToProtocolMaybeInstantiateSuperclasses"
RECORD_STEP = "ConformanceSection"  # the lambda the lookup calls for each record of a section

lookups = []  # [type, protocol, records read, backtrace]


def symbol(address):
    """The symbol at `address` as gdb names it, or None."""
    text = gdb.execute("info symbol 0x%x" % address, to_string=True)
    return None if text.startswith("No symbol") else text.split(" in section")[0].split(" + ")[0]


def type_name(metadata):
    """A type's metadata symbol, else its nominal type descriptor's: a generic type made at run time lives in the
    runtime's own memory (at first in its `InitialAllocationPool`), which has no symbol of its own."""
    name = symbol(metadata)
    if name and name.startswith("$s"):
        return name
    try:
        descriptor = struct.unpack("<Q", bytes(gdb.selected_inferior().read_memory(metadata + 8, 8)))[0]
        return "a type made at run time, described by " + (symbol(descriptor) or "?")
    except gdb.MemoryError:
        return "?"


class Lookup(gdb.Breakpoint):
    def stop(self):
        # The lookup returns a pair through memory, so its arguments start at the second register.
        metadata = int(gdb.parse_and_eval("$rsi"))
        protocol = int(gdb.parse_and_eval("$rdx"))
        stack = gdb.execute("bt 30", to_string=True) if os.environ.get("SCANS_BACKTRACE") else ""
        lookups.append([type_name(metadata), symbol(protocol) or "?", 0, stack])
        return False


class RecordStep(gdb.Breakpoint):
    def stop(self):
        if lookups:
            lookups[-1][2] += 1
        return False


def offsets(binary):
    """The offsets in `binary` of the lookup and of its per-record step."""
    names = subprocess.run(["nm", binary], capture_output=True, text=True, check=True).stdout.splitlines()
    lookup = [line for line in names if line.split()[-1].startswith(LOOKUP) and RECORD_STEP not in line]
    step = [line for line in names if LOOKUP[3:] in line and RECORD_STEP in line]
    if len(lookup) != 1 or len(step) != 1:
        raise gdb.GdbError("the Swift runtime's conformance lookup is not in %s (a build without symbols?)" % binary)
    return int(lookup[0].split()[0], 16), int(step[0].split()[0], 16)


def record_count(binary):
    """How many conformance records `binary` has: its `swift5_protocol_conformances` section, 4 bytes each."""
    sections = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True, check=True).stdout
    for line in sections.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[1] == "swift5_protocol_conformances":
            return int(fields[5], 16) // 4
    raise gdb.GdbError("%s has no swift5_protocol_conformances section" % binary)


def base_address(binary):
    """Where the executable is loaded (gdb turns address randomisation off)."""
    for line in gdb.execute("info proc mappings", to_string=True).splitlines():
        fields = line.split()
        if len(fields) >= 5 and fields[-1] == os.path.realpath(binary):
            return int(fields[0], 16) - int(fields[3], 16)
    raise gdb.GdbError("%s is not mapped" % binary)


def report(event):
    out = os.environ.get("SCANS_OUT", "/dev/stdout")
    records = record_count(executable)
    with open(out, "w") as file:
        total = sum(n for _, _, n, _ in lookups)
        file.write("# %d lookups, %d of them read records: %d records read, %.1f scans of the %d records\n"
                   % (len(lookups), sum(1 for l in lookups if l[2]), total, total / records, records))
        for name, protocol, read, stack in lookups:
            if read:
                file.write("%7d  %s : %s\n" % (read, name, protocol))
                if stack:
                    file.write(stack + "\n")


gdb.execute("set pagination off")
gdb.execute("set confirm off")
executable = gdb.current_progspace().filename
gdb.execute("starti", to_string=True)
lookup_offset, step_offset = offsets(executable)
base = base_address(executable)
Lookup("*0x%x" % (base + lookup_offset), internal=True)
RecordStep("*0x%x" % (base + step_offset), internal=True)
gdb.events.exited.connect(report)
gdb.execute("continue")
