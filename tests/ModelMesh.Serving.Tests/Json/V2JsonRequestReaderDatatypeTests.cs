using System.Buffers.Binary;
using System.Text;
using ModelMesh.Serving.Json;
using static ModelMesh.Serving.Tests.Json.JsonTestSupport;

namespace ModelMesh.Serving.Tests.Json;

/// <summary>Each datatype's JSON values against raw bytes computed independently with BinaryPrimitives.</summary>
public class V2JsonRequestReaderDatatypeTests
{
    [Fact]
    public void Read_Bool_EncodesOneBytePerElement()
    {
        AssertRaw("BOOL", "[true, false, 1, 0]", [1, 0, 1, 0]);
    }

    [Fact]
    public void Read_UInt8_EncodesBytes()
    {
        AssertRaw("UINT8", "[0, 1, 255, 128]", [0, 1, 255, 128]);
    }

    [Fact]
    public void Read_UInt16_EncodesLittleEndian()
    {
        AssertRaw("UINT16", "[0, 65535, 258, 7]", Pack<ushort>([0, 65535, 258, 7], 2, (s, v) => BinaryPrimitives.WriteUInt16LittleEndian(s, v)));
    }

    [Fact]
    public void Read_UInt32_EncodesLittleEndian()
    {
        AssertRaw("UINT32", "[0, 4294967295, 16909060, 1]", Pack<uint>([0, uint.MaxValue, 16909060, 1], 4, (s, v) => BinaryPrimitives.WriteUInt32LittleEndian(s, v)));
    }

    [Fact]
    public void Read_UInt64_EncodesLittleEndian()
    {
        AssertRaw("UINT64", "[0, 18446744073709551615, 72623859790382856, 5]",
            Pack<ulong>([0, ulong.MaxValue, 72623859790382856, 5], 8, (s, v) => BinaryPrimitives.WriteUInt64LittleEndian(s, v)));
    }

    [Fact]
    public void Read_Int8_EncodesTwosComplement()
    {
        AssertRaw("INT8", "[-128, 127, -1, 0]", [0x80, 0x7F, 0xFF, 0]);
    }

    [Fact]
    public void Read_Int16_EncodesLittleEndian()
    {
        AssertRaw("INT16", "[-32768, 32767, -2, 300]", Pack<short>([-32768, 32767, -2, 300], 2, (s, v) => BinaryPrimitives.WriteInt16LittleEndian(s, v)));
    }

    [Fact]
    public void Read_Int32_EncodesLittleEndian()
    {
        AssertRaw("INT32", "[-2147483648, 2147483647, -7, 3.0]", Pack<int>([int.MinValue, int.MaxValue, -7, 3], 4, (s, v) => BinaryPrimitives.WriteInt32LittleEndian(s, v)));
    }

    [Fact]
    public void Read_Int64_EncodesLittleEndian()
    {
        AssertRaw("INT64", "[-9223372036854775808, 9223372036854775807, -1, 42]",
            Pack<long>([long.MinValue, long.MaxValue, -1, 42], 8, (s, v) => BinaryPrimitives.WriteInt64LittleEndian(s, v)));
    }

    [Fact]
    public void Read_FP16_EncodesHalfBits()
    {
        Half[] expected = [(Half)1.5f, (Half)(-0.1f), Half.MaxValue, Half.NaN];
        AssertRaw("FP16", "[1.5, -0.1, 65504, \"NaN\"]", Pack(expected, 2, (s, v) => BinaryPrimitives.WriteHalfLittleEndian(s, v)));
    }

    [Fact]
    public void Read_BF16_RoundsToNearestEven()
    {
        // 1.00390625 = 1 + 2^-8 sits halfway between bf16 1.0 (0x3F80) and 1.0078125 (0x3F81): ties go to even 0x3F80.
        // 1.01171875 = 1 + 3 * 2^-8 sits halfway between 0x3F81 and 0x3F82: ties go to even 0x3F82.
        // 3.14159 -> 0x4049 (3.140625); -2 -> 0xC000.
        ushort[] expected = [0x3F80, 0x3F82, 0x4049, 0xC000];
        AssertRaw("BF16", "[1.00390625, 1.01171875, 3.14159, -2]", Pack(expected, 2, (s, v) => BinaryPrimitives.WriteUInt16LittleEndian(s, v)));
    }

    [Fact]
    public void Read_BF16NonFinite_EncodesInfinityAndNaN()
    {
        var raw = ReadRaw("BF16", "[\"Infinity\", \"-inf\", \"nan\"]", 3);
        Assert.Equal(0x7F80, BinaryPrimitives.ReadUInt16LittleEndian(raw));
        Assert.Equal(0xFF80, BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(2)));
        Assert.True(float.IsNaN(BitConverter.UInt32BitsToSingle((uint)BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(4)) << 16)));
    }

    [Fact]
    public void Read_FP32_EncodesSingleBits()
    {
        float[] expected = [0.1f, -3.4e38f, 1e-45f, 0f];
        AssertRaw("FP32", "[0.1, -3.4e38, 1e-45, 0]", Pack(expected, 4, (s, v) => BinaryPrimitives.WriteSingleLittleEndian(s, v)));
    }

    [Fact]
    public void Read_FP64_EncodesDoubleBits()
    {
        double[] expected = [0.1, -1.7976931348623157e308, 5e-324, 12345.678];
        AssertRaw("FP64", "[0.1, -1.7976931348623157e308, 5e-324, 12345.678]", Pack(expected, 8, (s, v) => BinaryPrimitives.WriteDoubleLittleEndian(s, v)));
    }

    [Theory]
    [InlineData("FP32")]
    [InlineData("FP64")]
    [InlineData("FP16")]
    public void Read_NonFiniteStrings_EncodeNaNAndInfinities(string datatype)
    {
        var raw = ReadRaw(datatype, "[\"NaN\", \"Infinity\", \"-Infinity\", \"inf\", \"-inf\"]", 5);
        double[] values = Decode(datatype, raw);
        Assert.True(double.IsNaN(values[0]));
        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity, double.NegativeInfinity], values[1..]);
    }

    [Fact]
    public void Read_BytesWithUnicode_EncodesLengthPrefixedUtf8()
    {
        string[] values = ["héllo", "", "日本語", "🙂", "tab\tquote\""];
        var raw = ReadRaw("BYTES", "[\"h\\u00e9llo\", \"\", \"日本語\", \"\\ud83d\\ude42\", \"tab\\tquote\\\"\"]", values.Length);
        var expected = new List<byte>();
        foreach (string value in values)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(value);
            var prefix = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(prefix, utf8.Length);
            expected.AddRange(prefix);
            expected.AddRange(utf8);
        }

        Assert.Equal(expected.ToArray(), raw);
    }

    private static void AssertRaw(string datatype, string data, byte[] expected)
    {
        Assert.Equal(expected, ReadRaw(datatype, data, 4));
    }

    internal static byte[] ReadRaw(string datatype, string data, int count)
    {
        string json = $$"""{"inputs":[{"name":"x","shape":[{{count}}],"datatype":"{{datatype}}","data":{{data}}}]}""";
        var request = V2JsonRequestReader.Read(Utf8(json), "m", null);
        Assert.Single(request.RawInputContents);
        Assert.Equal(datatype, request.Inputs[0].Datatype);
        return request.RawInputContents[0].ToByteArray();
    }

    private static byte[] Pack<T>(T[] values, int size, SpanAction<T> write)
    {
        var bytes = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++)
        {
            write(bytes.AsSpan(i * size, size), values[i]);
        }

        return bytes;
    }

    private static double[] Decode(string datatype, byte[] raw) => datatype switch
    {
        "FP32" => Enumerable.Range(0, raw.Length / 4).Select(i => (double)BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4))).ToArray(),
        "FP64" => Enumerable.Range(0, raw.Length / 8).Select(i => BinaryPrimitives.ReadDoubleLittleEndian(raw.AsSpan(i * 8))).ToArray(),
        _ => Enumerable.Range(0, raw.Length / 2).Select(i => (double)BinaryPrimitives.ReadHalfLittleEndian(raw.AsSpan(i * 2))).ToArray(),
    };

    private delegate void SpanAction<in T>(Span<byte> destination, T value);
}
