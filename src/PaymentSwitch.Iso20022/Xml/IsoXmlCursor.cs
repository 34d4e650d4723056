using System.Globalization;
using System.Xml;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

/// <summary>
/// A forward-only walk over an ISO 20022 document that keeps the element path for error messages and
/// collects every error instead of stopping at the first. Message readers use it like this:
/// <code>
/// if (c.BeginChildren())
///     while (c.NextChild())
///         switch (c.Name) { case "MsgId": id = c.ReadText(35); break; default: c.SkipUnknown(); break; }
/// </code>
/// Every branch must consume the element it is on (a Read* call, a nested child loop, or SkipUnknown).
/// Element order is not enforced (the writer produces schema order; XSD validation is a separate,
/// optional step), but cardinality of what we model is.
/// </summary>
internal sealed class IsoXmlCursor
{
    private readonly XmlReader _reader;
    private readonly IsoXmlReaderOptions _options;
    private readonly List<IsoError> _errors = [];
    private readonly List<string> _warnings = [];
    private readonly string[] _pathNames;
    private readonly int[] _pathIndexes;
    private readonly string?[] _previousSibling;
    private readonly int[] _siblingCount;
    private int _depth;
    private int _rootDepth;
    private string? _namespace;

    public IsoXmlCursor(XmlReader reader, IsoXmlReaderOptions options)
    {
        _reader = reader;
        _options = options;
        _pathNames = new string[options.MaxDepth + 2];
        _pathIndexes = new int[options.MaxDepth + 2];
        _previousSibling = new string?[options.MaxDepth + 2];
        _siblingCount = new int[options.MaxDepth + 2];
    }

    /// <summary>The local name of the element the cursor is on.</summary>
    public string Name => _reader.LocalName;

    /// <summary>Errors found so far.</summary>
    public List<IsoError> Errors => _errors;

    /// <summary>Elements skipped so far.</summary>
    public List<string> Warnings => _warnings;

    /// <summary>True once the error budget is spent; readers stop early.</summary>
    public bool TooManyErrors => _errors.Count >= _options.MaxErrors;

    public XmlReader Reader => _reader;

    /// <summary>True when the document uses the newer component family (pacs.008.001.13), which allows longer texts.</summary>
    public bool Modern { get; set; }

    /// <summary>True when the document's accounts are CashAccount38, whose <c>Id</c> is mandatory.</summary>
    public bool AccountIdRequired { get; set; }

    /// <summary>The namespace every element of the document must be in (the <c>Document</c>'s).</summary>
    public string? DocumentNamespace
    {
        get => _namespace;
        set => _namespace = value;
    }

    /// <summary>Pushes the element the reader is on as the root of the path (e.g. <c>Document</c>).</summary>
    public void EnterRoot()
    {
        _depth = 0;
        _rootDepth = _reader.Depth;
        Push(_reader.LocalName);
    }

    /// <summary>Marks the current element as the <paramref name="index"/>-th (1-based) of a repeated element.</summary>
    public void MarkRepeated(int index) => _pathIndexes[_depth - 1] = index;

    /// <summary>
    /// Reads one occurrence of a repeated element: numbers it in the path (<c>[n]</c>, counting invalid ones
    /// too), reads it with <paramref name="read"/> and keeps it when valid. Callers compare <paramref name="seen"/>
    /// with the list's count to know whether every occurrence was valid.
    /// </summary>
    public void ReadRepeated<T>(List<T> items, ref int seen, Func<IsoXmlCursor, T?> read)
        where T : class
    {
        MarkRepeated(++seen);
        if (read(this) is { } item)
        {
            items.Add(item);
        }
    }

    /// <summary>
    /// The 1-based position of the current element among its consecutive same-named siblings, counting
    /// invalid ones too (so the path of the third <c>AdrLine</c> says [3] even when the second was refused).
    /// </summary>
    public int SiblingIndex => _siblingCount[_depth - 1];

    /// <summary>
    /// Steps into the element the reader is on. Returns false when it has no content (an empty element),
    /// in which case the element has been consumed.
    /// </summary>
    public bool BeginChildren()
    {
        if (_reader.IsEmptyElement)
        {
            _reader.Read();
            return false;
        }

        _reader.Read();
        return true;
    }

    /// <summary>
    /// Moves to the next child element of the element entered with <see cref="BeginChildren"/>, pushing
    /// it on the path. Returns false (having consumed the parent's end tag) when there are no more; the
    /// path then names the parent again, so <see cref="Missing"/> reports children of the parent.
    /// </summary>
    public bool NextChild()
    {
        while (true)
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element:
                    var level = _reader.Depth - _rootDepth;
                    if (level >= _pathNames.Length - 1 || level > _options.MaxDepth)
                    {
                        throw new IsoXmlFatalException($"Elements are nested deeper than {_options.MaxDepth} levels.");
                    }

                    PopTo(level);
                    Push(_reader.LocalName);
                    if (_namespace is not null && !ReferenceEquals(_reader.NamespaceURI, _namespace)
                        && _reader.NamespaceURI != _namespace)
                    {
                        Error($"Element is in namespace '{_reader.NamespaceURI}' but the document is in '{_namespace}'.", StatusReasonCode.FF01);
                        SkipSilently();
                        continue;
                    }

                    return true;
                case XmlNodeType.EndElement:
                    PopTo(_reader.Depth - _rootDepth + 1);
                    _reader.Read();
                    return false;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                    PopTo(_reader.Depth - _rootDepth);
                    Error("Text is not allowed here: this element contains only elements.", StatusReasonCode.FF01);
                    _reader.Read();
                    break;
                case XmlNodeType.None:
                    throw new IsoXmlFatalException("The document ended before this element was closed.");
                default:
                    _reader.Read();
                    break;
            }
        }
    }

    /// <summary>Skips an element PaymentSwitch does not model, remembering its path as a warning.</summary>
    public void SkipUnknown()
    {
        if (_warnings.Count < _options.MaxErrors)
        {
            _warnings.Add(CurrentPath());
        }

        SkipSilently();
    }

    /// <summary>Skips the current element without a warning (for elements deliberately not modelled).</summary>
    public void SkipSilently()
    {
        if (_reader.IsEmptyElement)
        {
            _reader.Read();
            return;
        }

        // Walk instead of XmlReader.Skip so that the depth limit also holds inside elements we skip.
        var depth = _reader.Depth;
        _reader.Read();
        while (_reader.Depth > depth)
        {
            if (_reader.Depth - _rootDepth > _options.MaxDepth)
            {
                throw new IsoXmlFatalException($"Elements are nested deeper than {_options.MaxDepth} levels.");
            }

            if (!_reader.Read())
            {
                throw new IsoXmlFatalException("The document ended before this element was closed.");
            }
        }

        _reader.Read();
    }

    /// <summary>Records an error at the current path.</summary>
    public void Error(string rule, StatusReasonCode reason) => _errors.Add(new IsoError(CurrentPath(), rule, reason));

    /// <summary>Records an error at a child (or attribute) of the current path.</summary>
    public void ErrorAt(string childName, string rule, StatusReasonCode reason) =>
        _errors.Add(new IsoError(CurrentPath() + "/" + childName, rule, reason));

    /// <summary>
    /// Records a missing mandatory child (CH21) of the element whose children were just read — unless the
    /// child was there but invalid, in which case its own error already says so and one error is enough.
    /// </summary>
    public void Missing(string childName)
    {
        var path = CurrentPath() + "/" + childName;
        foreach (var error in _errors)
        {
            if (error.Path.StartsWith(path, StringComparison.Ordinal)
                && (error.Path.Length == path.Length || error.Path[path.Length] is '/' or '['))
            {
                return;
            }
        }

        _errors.Add(new IsoError(path, "Mandatory element is missing.", StatusReasonCode.CH21));
    }

    /// <summary>Records that a child appeared more often than allowed.</summary>
    public void TooMany(int max) => Error($"Element occurs more than {max} time(s).", StatusReasonCode.FF01);

    public string CurrentPath()
    {
        var builder = new System.Text.StringBuilder(128);
        for (var i = 0; i < _depth; i++)
        {
            builder.Append('/').Append(_pathNames[i]);
            if (_pathIndexes[i] > 0)
            {
                builder.Append('[').Append(_pathIndexes[i].ToString(CultureInfo.InvariantCulture)).Append(']');
            }
        }

        return builder.ToString();
    }

    private void Push(string name)
    {
        _pathNames[_depth] = name;
        _pathIndexes[_depth] = 0;
        _siblingCount[_depth] = ReferenceEquals(_previousSibling[_depth], name) || _previousSibling[_depth] == name ? _siblingCount[_depth] + 1 : 1;
        _previousSibling[_depth] = name;
        _previousSibling[_depth + 1] = null;
        _depth++;
    }

    private void PopTo(int depth)
    {
        if (_depth > depth)
        {
            _depth = depth;
        }
    }

    // ---- typed values --------------------------------------------------------------------------

    /// <summary>Reads the element's text, or null (with an error) when it is empty or holds elements.</summary>
    private string? ReadRaw()
    {
        if (_reader.IsEmptyElement)
        {
            _reader.Read();
            Error("Element must not be empty.", StatusReasonCode.FF01);
            return null;
        }

        // ReadElementContentAsString refuses child elements with an XmlException we cannot recover from,
        // so look first.
        _reader.Read();
        string text;
        if (_reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
        {
            text = _reader.Value;
            _reader.Read();
            while (_reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                text += _reader.Value;
                _reader.Read();
            }
        }
        else
        {
            text = string.Empty;
        }

        if (_reader.NodeType == XmlNodeType.EndElement)
        {
            _reader.Read();
            if (text.Length == 0)
            {
                Error("Element must not be empty.", StatusReasonCode.FF01);
                return null;
            }

            return text;
        }

        Error("Element must contain text only, not child elements.", StatusReasonCode.FF01);
        while (_reader.NodeType != XmlNodeType.EndElement && _reader.NodeType != XmlNodeType.None)
        {
            if (_reader.NodeType == XmlNodeType.Element)
            {
                SkipSilently();
            }
            else
            {
                _reader.Read();
            }
        }

        _reader.Read();
        return null;
    }

    /// <summary>Reads a MaxNText value (1 to <paramref name="maxLength"/> characters).</summary>
    public string? ReadText(int maxLength)
    {
        var text = ReadRaw();
        if (text is null)
        {
            return null;
        }

        var length = CountCharacters(text);
        if (length > maxLength)
        {
            Error($"Text must be at most {maxLength} characters; got {length}.", StatusReasonCode.FF01);
            return null;
        }

        return text;
    }

    /// <summary>Reads a code (trimmed) of 1 to <paramref name="maxLength"/> characters.</summary>
    public string? ReadCode(int maxLength)
    {
        var text = ReadRaw()?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > maxLength)
        {
            Error($"Code must be at most {maxLength} characters; got {text.Length}.", StatusReasonCode.FF01);
            return null;
        }

        return text;
    }

    /// <summary>Reads an enumeration code whose member names are the ISO codes.</summary>
    public T? ReadEnum<T>()
        where T : struct, Enum
    {
        var text = ReadRaw()?.Trim();
        if (text is null)
        {
            return null;
        }

        if (text.Length > 0 && char.IsAsciiLetterUpper(text[0]) && Enum.TryParse<T>(text, ignoreCase: false, out var value)
            && Enum.IsDefined(value))
        {
            return value;
        }

        Error($"'{Truncate(text)}' is not one of {string.Join(", ", Enum.GetNames<T>())}.", StatusReasonCode.FF01);
        return null;
    }

    public TransactionStatus? ReadStatus()
    {
        var text = ReadRaw()?.Trim();
        if (text is null)
        {
            return null;
        }

        if (TransactionStatuses.TryParse(text, out var status))
        {
            return status;
        }

        Error($"'{Truncate(text)}' is not a transaction status PaymentSwitch processes (ACTC, ACCP, ACSP, ACSC, ACCC, ACWP, PDNG, RJCT, BLCK).", StatusReasonCode.FF01);
        return null;
    }

    public bool? ReadBoolean()
    {
        var text = ReadRaw()?.Trim();
        switch (text)
        {
            case null:
                return null;
            case "true" or "1":
                return true;
            case "false" or "0":
                return false;
            default:
                Error($"'{Truncate(text)}' is not a boolean (true or false).", StatusReasonCode.FF01);
                return null;
        }
    }

    public Bic? ReadBic()
    {
        var text = ReadRaw()?.Trim();
        if (text is null)
        {
            return null;
        }

        if (Bic.TryParse(text, out var bic, out var failure))
        {
            return bic;
        }

        Error(failure.Rule, failure.Reason);
        return null;
    }

    public Iban? ReadIban()
    {
        var text = ReadRaw()?.Trim();
        if (text is null)
        {
            return null;
        }

        if (Iban.TryParse(text, out var iban, out var failure))
        {
            return iban;
        }

        Error(failure.Rule, failure.Reason);
        return null;
    }

    public Lei? ReadLei()
    {
        var text = ReadRaw()?.Trim();
        if (text is null)
        {
            return null;
        }

        if (Lei.TryParse(text, out var lei, out var failure))
        {
            return lei;
        }

        Error(failure.Rule, failure.Reason);
        return null;
    }

    public Uetr? ReadUetr()
    {
        var text = ReadRaw()?.Trim();
        if (text is null)
        {
            return null;
        }

        if (Uetr.TryParse(text, out var uetr, out var failure))
        {
            return uetr;
        }

        Error(failure.Rule, failure.Reason);
        return null;
    }

    public CountryCode? ReadCountry()
    {
        var text = ReadRaw()?.Trim();
        if (text is null)
        {
            return null;
        }

        if (CountryCode.TryParse(text, out var country, out var failure))
        {
            return country;
        }

        Error(failure.Rule, failure.Reason);
        return null;
    }

    public Currency? ReadCurrency()
    {
        var text = ReadRaw()?.Trim();
        if (text is null)
        {
            return null;
        }

        if (Currency.TryFromCode(text, out var currency))
        {
            return currency;
        }

        Error($"'{Truncate(text)}' is not an active ISO 4217 currency code.", StatusReasonCode.AM03);
        return null;
    }

    /// <summary>Reads an amount element with its <c>Ccy</c> attribute.</summary>
    public Money? ReadAmount(AmountRules rules = AmountRules.None)
    {
        string? code = null;
        if (_reader.MoveToAttribute("Ccy"))
        {
            code = _reader.Value.Trim();
            _reader.MoveToElement();
        }

        var text = ReadRaw();
        if (code is null)
        {
            ErrorAt("@Ccy", "Amount has no currency attribute (Ccy).", StatusReasonCode.CH21);
            return null;
        }

        if (!Currency.TryFromCode(code, out var currency))
        {
            ErrorAt("@Ccy", $"'{Truncate(code)}' is not an active ISO 4217 currency code.", StatusReasonCode.AM03);
            return null;
        }

        if (text is null)
        {
            return null;
        }

        if (Money.TryParse(text.AsSpan(), currency, rules, out var money, out var failure))
        {
            return money;
        }

        Error(failure.Rule, failure.Reason);
        return null;
    }

    /// <summary>Reads an xs:decimal rate (BaseOneRate: at most 11 digits, 10 after the point).</summary>
    public decimal? ReadRate()
    {
        var text = ReadRaw()?.Trim();
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var rate))
        {
            Error($"'{Truncate(text)}' is not a decimal number.", StatusReasonCode.FF01);
            return null;
        }

        var digits = 0;
        var fraction = 0;
        var afterPoint = false;
        var significant = false;
        foreach (var ch in text)
        {
            if (ch == '.')
            {
                afterPoint = true;
            }
            else if (char.IsAsciiDigit(ch))
            {
                significant |= ch != '0' || afterPoint;
                if (significant)
                {
                    digits++;
                }

                if (afterPoint)
                {
                    fraction++;
                }
            }
        }

        if (rate <= 0m)
        {
            Error("Exchange rate must be greater than zero.", StatusReasonCode.FF01);
            return null;
        }

        if (fraction > 10 || digits > 11)
        {
            Error($"Exchange rate may have at most 11 digits, 10 of them after the decimal point; got '{Truncate(text)}'.", StatusReasonCode.FF01);
            return null;
        }

        return rate;
    }

    /// <summary>Reads an ISODateTime. A value without a UTC offset is taken as UTC.</summary>
    public DateTimeOffset? ReadDateTime()
    {
        var text = ReadRaw()?.Trim();
        if (text is null)
        {
            return null;
        }

        if (text.Length >= 19 && text[10] == 'T'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value))
        {
            return value;
        }

        Error($"'{Truncate(text)}' is not an ISO 8601 date-time (YYYY-MM-DDThh:mm:ss[.sss][Z|±hh:mm]).", StatusReasonCode.FF01);
        return null;
    }

    /// <summary>Reads an ISODate (YYYY-MM-DD).</summary>
    public DateOnly? ReadDate()
    {
        var text = ReadRaw()?.Trim();
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        Error($"'{Truncate(text)}' is not an ISO 8601 date (YYYY-MM-DD).", StatusReasonCode.FF01);
        return null;
    }

    /// <summary>Reads a numeric text such as NbOfTxs (Max15NumericText).</summary>
    public int? ReadCount()
    {
        var text = ReadRaw()?.Trim();
        if (text is null)
        {
            return null;
        }

        if (text.Length <= 15 && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return count;
        }

        Error($"'{Truncate(text)}' is not a count of at most 15 digits.", StatusReasonCode.FF01);
        return null;
    }

    private static int CountCharacters(string text)
    {
        // XSD lengths count Unicode characters, so a surrogate pair counts once.
        var count = text.Length;
        foreach (var ch in text)
        {
            if (char.IsLowSurrogate(ch))
            {
                count--;
            }
        }

        return count;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
}

/// <summary>A problem after which the rest of the document cannot be read (malformed XML, too deep, too large).</summary>
internal sealed class IsoXmlFatalException(string message) : Exception(message);
