using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ScrBot.Deploy.Tests.Infrastructure;

/// <summary>
/// Reads a PNG file as the PNG specification (ISO/IEC 15948) lays it out: the IHDR chunk for the size, and the
/// IDAT data, inflated and unfiltered, for the pixels. Supports 8-bit, non-interlaced greyscale, RGB, greyscale
/// with alpha and RGBA, which is what icon tools write.
/// </summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly byte[] _rgba;

    private PngImage(int width, int height, byte colourType, byte[] rgba)
    {
        Width = width;
        Height = height;
        ColourType = colourType;
        _rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>0 greyscale, 2 RGB, 3 palette, 4 greyscale with alpha, 6 RGBA.</summary>
    public byte ColourType { get; }

    public bool HasAlphaChannel => ColourType is 4 or 6;

    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        var o = ((y * Width) + x) * 4;
        return (_rgba[o], _rgba[o + 1], _rgba[o + 2], _rgba[o + 3]);
    }

    public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
    {
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                yield return Pixel(x, y);
            }
        }
    }

    /// <summary>Reads only the IHDR chunk: the size the file states.</summary>
    public static (int Width, int Height) ReadSize(byte[] file)
    {
        CheckSignature(file);
        var (type, data, _) = ReadChunk(file, Signature.Length);
        if (type != "IHDR")
        {
            throw new InvalidDataException("The first PNG chunk is not IHDR.");
        }

        return (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4)));
    }

    public static PngImage Decode(byte[] file)
    {
        CheckSignature(file);
        int width = 0, height = 0;
        byte bitDepth = 0, colourType = 0, interlace = 0;
        using var idat = new MemoryStream();
        var offset = Signature.Length;
        while (offset < file.Length)
        {
            var (type, data, next) = ReadChunk(file, offset);
            offset = next;
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4));
                    bitDepth = data[8];
                    colourType = data[9];
                    interlace = data[12];
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    offset = file.Length;
                    break;
            }
        }

        if (bitDepth != 8 || interlace != 0 || colourType is not (0 or 2 or 4 or 6))
        {
            throw new NotSupportedException(
                $"PNG with bit depth {bitDepth}, colour type {colourType}, interlace {interlace} is not supported here.");
        }

        var channels = colourType switch { 0 => 1, 2 => 3, 4 => 2, _ => 4 };
        var stride = width * channels;
        var raw = Inflate(idat.ToArray());
        if (raw.Length != (stride + 1) * height)
        {
            throw new InvalidDataException("The PNG image data does not match the size in IHDR.");
        }

        var current = new byte[stride];
        var previous = new byte[stride];
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            var rowStart = y * (stride + 1);
            var filter = raw[rowStart];
            for (var i = 0; i < stride; i++)
            {
                var value = raw[rowStart + 1 + i];
                var left = i >= channels ? current[i - channels] : 0;
                var up = previous[i];
                var upLeft = i >= channels ? previous[i - channels] : 0;
                current[i] = filter switch
                {
                    0 => value,
                    1 => (byte)(value + left),
                    2 => (byte)(value + up),
                    3 => (byte)(value + ((left + up) / 2)),
                    4 => (byte)(value + Paeth(left, up, upLeft)),
                    _ => throw new InvalidDataException($"Unknown PNG filter type {filter}."),
                };
            }

            for (var x = 0; x < width; x++)
            {
                var o = ((y * width) + x) * 4;
                var s = x * channels;
                (rgba[o], rgba[o + 1], rgba[o + 2], rgba[o + 3]) = colourType switch
                {
                    0 => (current[s], current[s], current[s], (byte)255),
                    2 => (current[s], current[s + 1], current[s + 2], (byte)255),
                    4 => (current[s], current[s], current[s], current[s + 1]),
                    _ => (current[s], current[s + 1], current[s + 2], current[s + 3]),
                };
            }

            (previous, current) = (current, previous);
        }

        return new PngImage(width, height, colourType, rgba);
    }

    private static void CheckSignature(byte[] file)
    {
        if (file.Length < Signature.Length || !file.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new InvalidDataException("Not a PNG file: the signature is missing.");
        }
    }

    private static (string Type, byte[] Data, int Next) ReadChunk(byte[] file, int offset)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
        var type = Encoding.ASCII.GetString(file, offset + 4, 4);
        var data = file.AsSpan(offset + 8, length).ToArray();
        return (type, data, offset + 12 + length);
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
