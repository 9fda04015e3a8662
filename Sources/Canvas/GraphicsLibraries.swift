internal import CPangoCairo

/// Cairo, Pango, GLib and fontconfig, which `ledgerprint` does not link: they are loaded with
/// `dlopen` the first time a document is drawn (`CPangoCairo`'s `GraphicsLibraries.c`), so that
/// commands that draw nothing start without them (issue 22, docs/performance.md "Session 11").
enum GraphicsLibraries {
    /// Loads the libraries once per process; later calls return at once.
    ///
    /// - Throws: ``CanvasError/graphicsLibrary(_:)`` naming the library that is missing or too old.
    static func load() throws(CanvasError) {
        if let failure = lp_graphics_load() {
            throw .graphicsLibrary(String(cString: failure))
        }
    }

    /// The C functions the loaded table forwards, in its order.
    static var functionNames: [String] {
        (0..<lp_graphics_function_count()).compactMap { index in
            lp_graphics_function_name(index).map { String(cString: $0) }
        }
    }

    /// Whether the loaded libraries export a function `name` (false before ``load()``).
    static func exports(_ name: String) -> Bool { lp_graphics_exports(name) != 0 }
}
