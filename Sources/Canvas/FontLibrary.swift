internal import CPangoCairo
import Foundation
import Synchronization

/// The fonts a document may use, found through a fontconfig file that the project owns.
///
/// Ledgerprint never relies on whatever fonts a machine happens to have: `Fonts/fonts.conf`
/// names the folders to search (the project's own `Fonts/` folder and the Debian font packages
/// that `make setup` installs), so the same input gives the same glyphs, and so the same bytes,
/// on every machine.
///
/// A library holds one Pango font map and one Pango context, shared by every ``TextLayout`` made
/// with it, so fonts are opened and shaped once. It is not `Sendable`: give each rendering thread
/// its own library.
public final class FontLibrary {
    /// The family used when a style names none: a metric-compatible sans-serif from Debian.
    public static let defaultFamily = "Liberation Sans"

    /// Generic names that fontconfig always resolves to some installed family.
    private static let genericFamilies: Set<String> = ["sans-serif", "sans", "serif", "monospace"]

    /// The fontconfig file this library was loaded from.
    public let configurationFile: URL
    /// The families available, as fontconfig names them, sorted.
    public let families: [String]

    private let foldedFamilies: Set<String>
    private let config: OpaquePointer
    let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer
    /// Faces loaded for direct shaping, by family, size, weight and slant; `nil` where Pango sets
    /// even plain text in more than one run.
    private var faces: [FaceKey: FontFace?] = [:]

    /// Whether a paragraph that is one line of one font is shaped directly instead of through a
    /// Pango layout: the same glyphs and measurements for a third of the work (on by default; off
    /// shapes everything through the layout, which tests compare against).
    public var directShaping = true

    /// Loads the fontconfig file at `configurationFile` and opens its fonts.
    ///
    /// - Parameter configurationFile: A fontconfig XML file; relative `<dir>` entries are read
    ///   relative to its folder.
    /// - Throws: ``CanvasError/fontConfiguration(path:reason:)`` when the file is missing or invalid,
    ///   ``CanvasError/graphicsLibrary(_:)`` when Cairo, Pango or fontconfig cannot be loaded.
    public init(configurationFile: URL) throws(CanvasError) {
        try GraphicsLibraries.load()
        let path = configurationFile.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw .fontConfiguration(path: path, reason: "no such file")
        }
        guard let config = FcConfigCreate() else {
            throw .fontConfiguration(path: path, reason: "fontconfig could not allocate a configuration")
        }
        guard FcConfigParseAndLoad(config, path, 1) != 0, FcConfigBuildFonts(config) != 0 else {
            FcConfigDestroy(config)
            throw .fontConfiguration(path: path, reason: "fontconfig rejected the file (see the message above)")
        }
        let current = Self.makeCurrentOnce(config)
        guard let fontMap = lp_font_map_new_with_config(config, current ? 1 : 0) else {
            FcConfigDestroy(config)
            throw .fontConfiguration(path: path, reason: "Pango could not create a font map")
        }
        guard let context = pango_font_map_create_context(fontMap) else {
            lp_font_map_release(fontMap)
            FcConfigDestroy(config)
            throw .fontConfiguration(path: path, reason: "Pango could not create a context")
        }
        Self.configure(context)
        self.configurationFile = configurationFile
        self.config = config
        self.fontMap = fontMap
        self.context = context
        self.families = Self.listFamilies(fontMap)
        self.foldedFamilies = Set(families.map { $0.lowercased() })
    }

    /// Finds `Fonts/fonts.conf`: `$LEDGERPRINT_FONTS` (a folder or a file) if set, else `Fonts/fonts.conf`
    /// in the working directory or any folder above it.
    ///
    /// - Throws: ``CanvasError/fontConfiguration(path:reason:)`` when none is found.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        from directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws(CanvasError) -> FontLibrary {
        try GraphicsLibraries.load()  // a missing library is the error to report, before any search
        if let configured = environment["LEDGERPRINT_FONTS"], !configured.isEmpty {
            var url = URL(fileURLWithPath: configured)
            if url.hasDirectoryPath || url.pathExtension != "conf" {
                url.appendPathComponent("fonts.conf")
            }
            return try FontLibrary(configurationFile: url)
        }
        var folder = directory.standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent("Fonts/fonts.conf")
            if FileManager.default.fileExists(atPath: candidate.path) {
                return try FontLibrary(configurationFile: candidate)
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        throw .fontConfiguration(
            path: directory.appendingPathComponent("Fonts/fonts.conf").path,
            reason: "not found here or in any folder above; set LEDGERPRINT_FONTS to the Fonts folder"
        )
    }

    /// Whether a configuration of ours is fontconfig's current one (set once per process).
    private static let madeCurrent = Mutex(false)

    /// Makes the first configuration loaded fontconfig's current one.
    ///
    /// Pango's font map calls
    /// `FcInit()` when it is created, which otherwise loads the machine's own configuration and
    /// every font cache it names (`/etc/fonts`, about 26 M instructions: 7 % of printing one
    /// invoice) only for Ledgerprint never to use it; with a current configuration `FcInit()`
    /// does nothing. Fonts are still looked up only in each library's own configuration: the first
    /// library's map uses the current one, every later library's map is given its own.
    ///
    /// - Returns: whether `config` is now the current configuration.
    private static func makeCurrentOnce(_ config: OpaquePointer) -> Bool {
        madeCurrent.withLock { done in
            guard !done else { return false }
            done = FcConfigSetCurrent(config) != 0
            return done
        }
    }

    deinit {
        lp_context_release(context)
        lp_font_map_release(fontMap)
        FcConfigDestroy(config)
    }

    /// Whether `family` (compared without case) can be used.
    public func hasFamily(_ family: String) -> Bool {
        let folded = family.lowercased()
        return foldedFamilies.contains(folded) || Self.genericFamilies.contains(folded)
    }

    /// Throws ``CanvasError/fontNotFound(family:available:)`` unless `family` can be used.
    public func requireFamily(_ family: String) throws(CanvasError) {
        guard hasFamily(family) else { throw .fontNotFound(family: family, available: families) }
    }

    /// The face `style` is set in, for direct shaping.
    func face(_ style: TextStyle) -> FontFace? {
        let key = FaceKey(family: style.family, size: style.size, weight: style.weight.value, italic: style.italic)
        if let known = faces[key] { return known }
        let description = TextLayout.fontDescription(style, face: true)
        defer { pango_font_description_free(description) }
        let face = description.flatMap { FontFace(description: $0, context: context) }
        faces[key] = face
        return face
    }

    /// Measurement and drawing use points as units, unrounded glyph positions and no hinting, so
    /// text measures the same as it prints and lines up at any zoom.
    private static func configure(_ context: OpaquePointer) {
        pango_cairo_context_set_resolution(context, 72)
        if let options = cairo_font_options_create() {
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
            pango_cairo_context_set_font_options(context, options)
            cairo_font_options_destroy(options)
        }
        pango_context_set_round_glyph_positions(context, 0)
    }

    private static func listFamilies(_ fontMap: UnsafeMutablePointer<PangoFontMap>) -> [String] {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<PangoFontFamily>?>?
        var count: Int32 = 0
        pango_font_map_list_families(fontMap, &list, &count)
        guard let list else { return [] }
        defer { g_free(list) }
        var names = Set<String>()
        for index in 0..<Int(count) {
            if let family = list[index], let name = pango_font_family_get_name(family) {
                names.insert(String(cString: name))
            }
        }
        return names.sorted()
    }
}

/// What selects a ``FontFace``: a text style without its colour and decoration.
private struct FaceKey: Hashable {
    var family: String
    var size: Double
    var weight: Int
    var italic: Bool
}
