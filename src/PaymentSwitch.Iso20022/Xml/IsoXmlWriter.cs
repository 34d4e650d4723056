using System.Globalization;
using System.Xml;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

/// <summary>
/// Writes ISO 20022 elements in schema order into an <see cref="XmlWriter"/>, in the default namespace
/// of the enclosing <c>Document</c>. <see cref="Modern"/> selects the component family: the newer
/// PostalAddress27 / PartyIdentification272 / CashAccount40 family used by pacs.008.001.13, or the
/// PostalAddress24 family used by every other version here. What the target cannot carry is left out
/// and recorded in <see cref="Omitted"/>, never written invalid.
/// </summary>
internal sealed class IsoXmlWriter
{
    private readonly XmlWriter _writer;
    private readonly char[] _buffer = new char[64];
    private readonly List<string> _omitted = [];
    private readonly string[] _path = new string[64];
    private int _depth;

    public IsoXmlWriter(XmlWriter writer, bool modern, bool accountIdOptional)
    {
        _writer = writer;
        Modern = modern;
        AccountIdOptional = accountIdOptional;
    }

    /// <summary>True where accounts are CashAccount40 (<c>Id</c> optional); false for CashAccount38.</summary>
    public bool AccountIdOptional { get; }

    /// <summary>True for the pacs.008.001.13 component family.</summary>
    public bool Modern { get; }

    /// <summary>Elements of the model that the target version cannot carry and were left out.</summary>
    public List<string> Omitted => _omitted;

    public XmlWriter Raw => _writer;

    public void Start(string name)
    {
        _writer.WriteStartElement(name);
        _path[_depth++] = name;
    }

    public void End()
    {
        _writer.WriteEndElement();
        _depth--;
    }

    /// <summary>Records that <paramref name="what"/>, under the element being written, was left out.</summary>
    public void Omit(string what)
    {
        var builder = new System.Text.StringBuilder("/Document");
        for (var i = 0; i < _depth; i++)
        {
            builder.Append('/').Append(_path[i]);
        }

        _omitted.Add(builder.Append('/').Append(what).ToString());
    }

    public void Text(string name, string? value)
    {
        if (value is not null)
        {
            _writer.WriteElementString(name, value);
        }
    }

    /// <summary>Writes a text whose maximum length differs by version; too long for the target: omitted.</summary>
    public void Text(string name, string? value, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            Omit($"{name} ({value.Length} characters; this version allows {maxLength})");
            return;
        }

        _writer.WriteElementString(name, value);
    }

    public void Texts(string name, ValueList<string> values)
    {
        foreach (var value in values)
        {
            _writer.WriteElementString(name, value);
        }
    }

    public void Code<T>(string name, T? value)
        where T : struct, Enum
    {
        if (value is { } v)
        {
            _writer.WriteElementString(name, v.ToString());
        }
    }

    public void Status(string name, TransactionStatus? value)
    {
        if (value is { } v)
        {
            _writer.WriteElementString(name, TransactionStatuses.ToCode(v));
        }
    }

    public void Boolean(string name, bool? value)
    {
        if (value is { } v)
        {
            _writer.WriteElementString(name, v ? "true" : "false");
        }
    }

    public void Amount(string name, Money? value)
    {
        if (value is not { } money)
        {
            return;
        }

        _writer.WriteStartElement(name);
        _writer.WriteAttributeString("Ccy", money.Currency.Code);
        if (!money.TryFormat(_buffer, out var written))
        {
            throw new InvalidOperationException("Amount does not fit the format buffer.");
        }

        _writer.WriteChars(_buffer, 0, written);
        _writer.WriteEndElement();
    }

    public void Rate(string name, decimal? value)
    {
        if (value is { } rate)
        {
            _writer.WriteElementString(name, rate.ToString(CultureInfo.InvariantCulture));
        }
    }

    public void DateTime(string name, DateTimeOffset? value)
    {
        if (value is not { } v)
        {
            return;
        }

        // ISODateTime with an explicit offset; milliseconds only when present, so the text round-trips.
        var format = v.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy'-'MM'-'dd'T'HH':'mm':'ssK" : "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK";
        if (!v.TryFormat(_buffer, out var written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("Date-time does not fit the format buffer.");
        }

        // "K" renders a zero offset as +00:00; ISO 20022 senders commonly write Z, both are valid xs:dateTime.
        _writer.WriteStartElement(name);
        _writer.WriteChars(_buffer, 0, written);
        _writer.WriteEndElement();
    }

    public void Date(string name, DateOnly? value)
    {
        if (value is { } v)
        {
            v.TryFormat(_buffer, out var written, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
            _writer.WriteStartElement(name);
            _writer.WriteChars(_buffer, 0, written);
            _writer.WriteEndElement();
        }
    }

    public void Value(string name, string? value)
    {
        if (value is not null)
        {
            _writer.WriteElementString(name, value);
        }
    }

    public void Count(string name, int value) => _writer.WriteElementString(name, value.ToString(CultureInfo.InvariantCulture));
}
