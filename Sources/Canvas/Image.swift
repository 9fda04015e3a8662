internal import CPangoCairo
import Foundation

/// A decoded raster image (PNG) that can be drawn scaled into any box.
///
/// Decoding happens once, in `init`; drawing the same image on many pages embeds it once per
/// document.
public final class Image {
    /// Width in pixels.
    public let pixelWidth: Int
    /// Height in pixels.
    public let pixelHeight: Int

    let surface: OpaquePointer

    /// Decodes PNG bytes.
    ///
    /// - Throws: ``CanvasError/invalidImage(reason:)`` when the bytes are not a PNG Cairo can read.
    public init(png data: Data) throws(CanvasError) {
        try GraphicsLibraries.load()
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard data.count > signature.count, Array(data.prefix(signature.count)) == signature else {
            throw .invalidImage(reason: "the bytes do not start with the PNG signature")
        }
        let reader = ByteReader(data)
        let surface = withExtendedLifetime(reader) {
            cairo_image_surface_create_from_png_stream(
                { closure, buffer, length in
                    guard let closure, let buffer else { return CAIRO_STATUS_READ_ERROR }
                    let reader = Unmanaged<ByteReader>.fromOpaque(closure).takeUnretainedValue()
                    return reader.read(into: buffer, count: Int(length))
                        ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR
                },
                Unmanaged.passUnretained(reader).toOpaque()
            )
        }
        guard let surface else { throw .invalidImage(reason: "out of memory") }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw .invalidImage(reason: String(cString: cairo_status_to_string(status)))
        }
        self.surface = surface
        self.pixelWidth = Int(cairo_image_surface_get_width(surface))
        self.pixelHeight = Int(cairo_image_surface_get_height(surface))
    }

    deinit {
        cairo_surface_destroy(surface)
    }

    /// The rectangle the image fills when fitted into `box` keeping its aspect ratio, centred.
    public func fitted(in box: Rect) -> Rect {
        guard pixelWidth > 0, pixelHeight > 0 else { return box }
        let scale = min(box.width / Double(pixelWidth), box.height / Double(pixelHeight))
        let width = Double(pixelWidth) * scale
        let height = Double(pixelHeight) * scale
        return Rect(
            x: box.x + (box.width - width) / 2,
            y: box.y + (box.height - height) / 2,
            width: width,
            height: height
        )
    }
}

/// Feeds bytes to Cairo's PNG reader.
private final class ByteReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ data: Data) { bytes = Array(data) }

    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        guard count <= bytes.count - offset else { return false }
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress {
                buffer.update(from: base + offset, count: count)
            }
        }
        offset += count
        return true
    }
}
