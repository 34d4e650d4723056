using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.Payments;
using PaymentSwitch.Iso20022.Examples;

namespace PaymentSwitch.Hub.Tests.Payments;

public sealed class CanonicalContentTests
{
    private static CreditTransferTransaction Example() =>
        AseanExamples.CreditTransfer(new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 2, 0, 0, TimeSpan.Zero))).Transactions[0];

    [Fact]
    public void Compute_SameContentDifferentSpellingOfRate_SameHash()
    {
        var original = Example();
        var respelled = original with { ExchangeRate = 25.853000m };

        Assert.Equal(CanonicalContent.Compute(original), CanonicalContent.Compute(respelled));
    }

    [Fact]
    public void Compute_Bic8AndBic11WithXxx_SameHash()
    {
        var original = Example();
        var bic8 = original with { CreditorAgent = Agent.FromBic(Bic.Parse("BKKBTHBK")) };

        Assert.Equal(CanonicalContent.Compute(original), CanonicalContent.Compute(bic8));
    }

    [Fact]
    public void Compute_NamesRemittanceTextAndTimesChanged_SameHash()
    {
        var original = Example();
        var restamped = original with
        {
            AcceptanceDateTime = original.AcceptanceDateTime!.Value.AddSeconds(30),
            PaymentId = original.PaymentId with { InstructionId = "RESENT-1" },
            Creditor = original.Creditor with { Name = "Somchai J." },
            IntermediaryAgent1 = null,
        };

        Assert.Equal(CanonicalContent.Compute(original), CanonicalContent.Compute(restamped));
    }

    [Theory]
    [InlineData("amount")]
    [InlineData("instructed")]
    [InlineData("rate")]
    [InlineData("endToEnd")]
    [InlineData("creditorAccount")]
    [InlineData("creditorAgent")]
    [InlineData("quote")]
    [InlineData("priority")]
    public void Compute_ComparedFieldChanged_DifferentHash(string field)
    {
        var original = Example();
        var changed = field switch
        {
            "amount" => original with { InterbankSettlementAmount = new Money(25_853_01, Currency.THB) },
            "instructed" => original with { InstructedAmount = new Money(1_000_01, Currency.SGD) },
            "rate" => original with { ExchangeRate = 25.8531m },
            "endToEnd" => original with { PaymentId = original.PaymentId with { EndToEndId = "OTHER" } },
            "creditorAccount" => original with { CreditorAccount = new Account { Other = new GenericIdentification { Id = "999" } } },
            "creditorAgent" => original with { CreditorAgent = Agent.FromBic(AseanExamples.KasikornBic) },
            "quote" => original with
            {
                RemittanceInformation = new RemittanceInformation
                {
                    Structured = ValueList<StructuredRemittance>.Of(new StructuredRemittance { AdditionalInformation = ValueList<string>.Of("NexusQuoteId:other") }),
                },
            },
            _ => HubFixture.WithPriority(original, Priority.NORM),
        };

        Assert.NotEqual(CanonicalContent.Compute(original), CanonicalContent.Compute(changed));
    }

    [Fact]
    public void QuoteId_ExamplePayment_FindsNexusQuoteId()
    {
        Assert.Equal(AseanExamples.QuoteId, CanonicalContent.QuoteId(Example()).ToString());
    }

    [Property(MaxTest = 300)]
    public Property Compute_OnlyNonComparedFieldsVary_HashUnchanged(NonEmptyString name, PositiveInt scale)
    {
        var original = Example();
        // Multiplying by 1 with more decimal places changes the decimal's scale but not its value.
        var one = 1m + (0m * scale.Get);
        var extraZeros = decimal.Parse("1." + new string('0', Math.Min(scale.Get, 10)), System.Globalization.CultureInfo.InvariantCulture);
        var varied = original with
        {
            Debtor = original.Debtor with { Name = name.Get },
            ExchangeRate = original.ExchangeRate * one * extraZeros,
            Charges = default,
        };

        return (CanonicalContent.Compute(original) == CanonicalContent.Compute(varied)).ToProperty();
    }

    [Property(MaxTest = 300)]
    public Property Compute_SettlementAmountsDiffer_HashesDiffer(PositiveInt a, PositiveInt b)
    {
        var original = Example();
        var left = original with { InterbankSettlementAmount = new Money(a.Get, Currency.THB) };
        var right = original with { InterbankSettlementAmount = new Money(b.Get, Currency.THB) };

        return ((a.Get == b.Get) == (CanonicalContent.Compute(left) == CanonicalContent.Compute(right))).ToProperty();
    }
}
