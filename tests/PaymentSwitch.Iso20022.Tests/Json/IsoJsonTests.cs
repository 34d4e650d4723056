using System.Text.Json;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Examples;
using PaymentSwitch.Iso20022.Json;

namespace PaymentSwitch.Iso20022.Tests.Json;

public sealed class IsoJsonTests
{
    // A fixed clock (this project does not reference FakeTimeProvider; the examples only read GetUtcNow).
    private static readonly TimeProvider Time = new FixedTime(new DateTimeOffset(2025, 3, 14, 1, 30, 15, TimeSpan.Zero));

    public static TheoryData<MessageKind> Kinds() => new(Enum.GetValues<MessageKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_SerializedExample_EqualsOriginal(MessageKind kind)
    {
        var message = AseanExamples.Example(kind, Time);
        var version = MessageVersions.Latest(kind);
        var sut = new IsoEnvelope(version, AseanExamples.Header(message, version), message);

        var json = IsoJson.Serialize(sut);
        var back = IsoJson.Deserialize(json);

        Assert.Equal(sut, back);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_CompactWithoutHeader_EqualsOriginal(MessageKind kind)
    {
        var sut = new IsoEnvelope(MessageVersions.VersionsOf(kind)[0], null, AseanExamples.Example(kind, Time));

        var back = IsoJson.Deserialize(IsoJson.Serialize(sut, indent: false));

        Assert.Equal(sut, back);
    }

    [Fact]
    public void Serialize_CreditTransfer_HasDocumentedShape()
    {
        var sut = new IsoEnvelope(MessageVersion.Pacs008V13, null, AseanExamples.CreditTransfer(Time));

        using var document = JsonDocument.Parse(IsoJson.Serialize(sut));
        var root = document.RootElement;

        Assert.Equal("pacs.008.001.13", root.GetProperty("version").GetString());
        Assert.False(root.TryGetProperty("header", out _));
        var message = root.GetProperty("message");
        Assert.Equal("pacs.008", message.GetProperty("kind").GetString());
        var transaction = message.GetProperty("transactions")[0];
        var instructed = transaction.GetProperty("instructedAmount");
        Assert.Equal(JsonValueKind.String, instructed.GetProperty("amount").ValueKind);
        Assert.Equal("1000.00", instructed.GetProperty("amount").GetString());
        Assert.Equal("SGD", instructed.GetProperty("currency").GetString());
        Assert.Equal("25853.00", transaction.GetProperty("interbankSettlementAmount").GetProperty("amount").GetString());
        Assert.Equal("25.8530", transaction.GetProperty("exchangeRate").GetString());
        Assert.Equal("SLEV", transaction.GetProperty("chargeBearer").GetString());
        Assert.Equal("DBSSSGSGXXX", transaction.GetProperty("debtorAgent").GetProperty("bicfi").GetString());
        Assert.Equal(AseanExamples.PaymentUetr.ToString(), transaction.GetProperty("paymentId").GetProperty("uetr").GetString());

        // Empty lists and nulls are left out.
        Assert.False(transaction.TryGetProperty("charges", out _));
        Assert.False(transaction.TryGetProperty("ultimateDebtor", out _));
    }

    [Fact]
    public void Deserialize_KindAfterOtherProperties_Accepted()
    {
        var json = IsoJson.Serialize(new IsoEnvelope(MessageVersion.Pacs002V12, null, AseanExamples.Accepted(Time)), indent: false);
        var moved = json.Replace("\"message\":{\"kind\":\"pacs.002\",", "\"message\":{", StringComparison.Ordinal).Replace("}]}}", "}],\"kind\":\"pacs.002\"}}", StringComparison.Ordinal);
        Assert.NotEqual(json, moved);

        var sut = IsoJson.Deserialize(moved);

        Assert.Equal(AseanExamples.Accepted(Time), sut.Message);
    }

    [Theory]
    [InlineData("\"amount\":\"1000.00\"", "\"amount\":1000.00", "not a JSON number")]
    [InlineData("\"amount\":\"1000.00\"", "\"amount\":\"1000.001\"", "AM09")]
    [InlineData("\"amount\":\"1000.00\"", "\"amount\":\"1e3\"", "FF01")]
    [InlineData("\"currency\":\"SGD\"", "\"currency\":\"SGX\"", "ISO 4217")]
    [InlineData("\"bicfi\":\"DBSSSGSGXXX\"", "\"bicfi\":\"DBS\"", "Bic")]
    [InlineData("\"uetr\":\"8a562c67-ca16-48ba-b074-65581be6f001\"", "\"uetr\":\"not-a-uuid\"", "Uetr")]
    [InlineData("\"kind\":\"pacs.008\"", "\"kind\":\"pacs.009\"", "pacs.009")]
    [InlineData("\"version\":\"pacs.008.001.13\"", "\"version\":\"pacs.008.001.99\"", "not a supported message version")]
    [InlineData("\"chargeBearer\":\"SLEV\"", "\"chargeBearer\":\"XXXX\"", "")]
    [InlineData("\"chargeBearer\":\"SLEV\"", "\"chargeBearer\":\"SLEV\",\"surprise\":1", "surprise")]
    [InlineData("\"chargeBearer\":\"SLEV\",", "", "chargeBearer")]
    [InlineData("\"debtor\":{", "\"debtor\":null,\"x\":{", "")]
    public void TryDeserialize_BadInput_FailsWithReason(string find, string replace, string expected)
    {
        var json = IsoJson.Serialize(new IsoEnvelope(MessageVersion.Pacs008V13, null, AseanExamples.CreditTransfer(Time)), indent: false);
        var broken = ReplaceFirst(json, find, replace);
        Assert.NotEqual(json, broken);

        var ok = IsoJson.TryDeserialize(broken, out var envelope, out var error);

        Assert.False(ok);
        Assert.Null(envelope);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"version\":\"pacs.008.001.13\",\"message\":{}}")]
    [InlineData("{\"version\":\"pacs.008.001.13\",\"message\":{\"kind\":\"pacs.008\"}}")]
    public void TryDeserialize_NotAnEnvelope_Fails(string json)
    {
        var ok = IsoJson.TryDeserialize(json, out var envelope, out var error);

        Assert.False(ok);
        Assert.Null(envelope);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryDeserialize_DeepNesting_FailsWithoutStackOverflow()
    {
        var json = "{\"version\":\"pacs.008.001.13\",\"message\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        var ok = IsoJson.TryDeserialize(json, out _, out var error);

        Assert.False(ok);
        Assert.NotNull(error);
    }

    [Fact]
    public void TryDeserialize_OverSizeLimit_Fails()
    {
        var json = "{\"version\":\"" + new string(' ', IsoJson.MaxDocumentChars) + "\"}";

        var ok = IsoJson.TryDeserialize(json, out _, out var error);

        Assert.False(ok);
        Assert.Contains("limit", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_AmountWithCurrencyExponent_ExactInMinorUnits()
    {
        var json = IsoJson.Serialize(new IsoEnvelope(MessageVersion.Pacs008V13, null, AseanExamples.CreditTransfer(Time)), indent: false);

        var sut = (CustomerCreditTransfer)IsoJson.Deserialize(json).Message;

        Assert.Equal(new Money(25_853_00, Currency.THB), sut.Transactions[0].InterbankSettlementAmount);
        Assert.Equal(25.8530m, sut.Transactions[0].ExchangeRate);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var index = text.IndexOf(find, StringComparison.Ordinal);
        return index < 0 ? text : string.Concat(text.AsSpan(0, index), replace, text.AsSpan(index + find.Length));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
