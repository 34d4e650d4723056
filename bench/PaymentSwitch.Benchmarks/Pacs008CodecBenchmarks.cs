using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Examples;
using PaymentSwitch.Iso20022.MessagePack;
using PaymentSwitch.Iso20022.Xml;

namespace PaymentSwitch.Benchmarks;

/// <summary>
/// The cost of one pacs.008 (the realistic SGD→THB Nexus example, one transaction) through each codec.
/// XML is what connectors send at the edge; MessagePack is what travels on the hub's hot path.
/// Targets on the reference machine: MessagePack encode+decode ≥ 1M messages/s on one core (≤ 1 µs per
/// round trip), XML read ≥ 50k messages/s on one core (≤ 20 µs per read). The baseline is the XML read of the
/// current version, what every connector's message costs at the edge; the Ratio and Alloc Ratio columns put the
/// MessagePack path beside it.
/// </summary>
[MemoryDiagnoser]
public class Pacs008CodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(8192);
    private readonly MemoryStream _xmlStream = new(16 * 1024);
    private CustomerCreditTransfer _message = null!;
    private byte[] _xmlV08 = [];
    private byte[] _xmlV13 = [];
    private ReadOnlyMemory<byte> _packed;

    [GlobalSetup]
    public void Setup()
    {
        _message = AseanExamples.CreditTransfer(new FixedTimeProvider());
        _xmlV08 = Encoding.UTF8.GetBytes(IsoXml.Write(_message, MessageVersion.Pacs008V08));
        _xmlV13 = Encoding.UTF8.GetBytes(IsoXml.Write(_message, MessageVersion.Pacs008V13));
        _packed = IsoMessagePack.Serialize(_message);
        if (!IsoXml.Read(_xmlV13).IsSuccess || !Equals(IsoMessagePack.Deserialize(_packed), _message))
        {
            throw new InvalidOperationException("The benchmark message does not round-trip; fix the codec before measuring it.");
        }
    }

    [Benchmark(Description = "XML read pacs.008.001.08")]
    public IsoReadResult XmlReadV08() => IsoXml.Read(_xmlV08);

    [Benchmark(Baseline = true, Description = "XML read pacs.008.001.13")]
    public IsoReadResult XmlReadV13() => IsoXml.Read(_xmlV13);

    /// <summary>Not our code: <c>XmlReader</c> reading every node of the same document with the same secure settings; the floor under any XML reader built on it.</summary>
    [Benchmark(Description = "Floor: XmlReader over the same .13 bytes")]
    public int XmlReaderFloor()
    {
        using var stream = new MemoryStream(_xmlV13, writable: false);
        using var reader = System.Xml.XmlReader.Create(stream, FloorSettings);
        var nodes = 0;
        while (reader.Read())
        {
            nodes++;
        }

        return nodes;
    }

    private static readonly System.Xml.XmlReaderSettings FloorSettings = new()
    {
        DtdProcessing = System.Xml.DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
        NameTable = new System.Xml.NameTable(),
    };

    [Benchmark(Description = "XML write pacs.008.001.13")]
    public long XmlWriteV13()
    {
        _xmlStream.Position = 0;
        _xmlStream.SetLength(0);
        IsoXml.Write(_xmlStream, _message, MessageVersion.Pacs008V13);
        return _xmlStream.Length;
    }

    [Benchmark(Description = "MessagePack encode")]
    public int MessagePackEncode()
    {
        _buffer.ResetWrittenCount();
        IsoMessagePack.Serialize(_buffer, _message);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "MessagePack decode")]
    public IsoMessage MessagePackDecode() => IsoMessagePack.Deserialize(_packed);

    /// <summary>
    /// Not our code: MessagePack-CSharp's own reader skipping the same bytes without building anything. It is the
    /// floor under any decoder of this payload on this machine.
    /// </summary>
    [Benchmark(Description = "Floor: MessagePackReader.Skip of the same bytes")]
    public long MessagePackSkipFloor()
    {
        var reader = new global::MessagePack.MessagePackReader(_packed);
        reader.Skip();
        return reader.Consumed;
    }

    [Benchmark(Description = "MessagePack encode+decode")]
    public IsoMessage MessagePackRoundTrip()
    {
        _buffer.ResetWrittenCount();
        IsoMessagePack.Serialize(_buffer, _message);
        return IsoMessagePack.Deserialize(_buffer.WrittenMemory);
    }

    /// <summary>A clock fixed at one instant, so every run benchmarks the same bytes.</summary>
    private sealed class FixedTimeProvider : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 22, 2, 15, 0, TimeSpan.Zero);
    }
}
