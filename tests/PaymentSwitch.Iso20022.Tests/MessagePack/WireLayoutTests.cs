using System.Buffers;
using System.Reflection;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.MessagePack;

namespace PaymentSwitch.Iso20022.Tests.MessagePack;

/// <summary>
/// Guards that keep the wire layout, the model and the written specification in step: every model property has a
/// position, positions follow the model's property order, and docs/wire-format.md lists every record with the same
/// fields. A property added to the model without a position fails here, not silently on the wire.
/// </summary>
public sealed class WireLayoutTests
{
    public static TheoryData<Type> RecordTypes => new(RecordModels());

    public static TheoryData<Type> ReferenceRecordTypes => new(RecordModels().Where(static t => !t.IsValueType));

    [Theory]
    [MemberData(nameof(ReferenceRecordTypes))]
    public void Fields_OfEachRecordFormatter_AreTheModelPropertiesInDeclarationOrder(Type model)
    {
        var sut = FieldsOf(model);

        var properties = model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => !(typeof(IsoMessage).IsAssignableFrom(model) && p.Name == nameof(IsoMessage.Kind)))
            .OrderBy(static p => p.MetadataToken)
            .Select(static p => p.Name);

        Assert.Equal(properties, sut);
    }

    [Fact]
    public void Resolver_EveryRecordOfTheModel_HasAFormatter()
    {
        var modelTypes = typeof(IsoMessage).Assembly.GetTypes()
            .Where(static t => t.Namespace == typeof(IsoMessage).Namespace && t.IsPublic && !t.IsEnum && !t.IsAbstract && !t.IsInterface)
            .Where(static t => !t.IsGenericTypeDefinition && !t.IsAbstract && !(t.IsSealed && t.IsAbstract))
            .Where(static t => t != typeof(IsoError));

        var sut = IsoResolver.Formatters;

        Assert.All(modelTypes, t => Assert.True(sut.ContainsKey(t), $"{t.Name} has no formatter"));
    }

    [Theory]
    [MemberData(nameof(RecordTypes))]
    public void WireFormatDocument_EachRecord_HasATableWithItsFields(Type model)
    {
        var document = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "wire-format.md"));
        var heading = Array.IndexOf(document, "### " + model.Name);
        Assert.True(heading >= 0, $"docs/wire-format.md has no section '### {model.Name}'");

        var sut = document.Skip(heading + 1)
            .SkipWhile(static line => !line.StartsWith("| 0 |", StringComparison.Ordinal))
            .TakeWhile(static line => line.StartsWith('|'))
            .Select(static line => line.Split('|', StringSplitOptions.TrimEntries)[2]);

        Assert.Equal(FieldsOf(model), sut);
    }

    [Fact]
    public void Serialize_CustomerCreditTransferIntoBufferWriter_AllocatesNothingAfterWarmUp()
    {
        var message = IsoSamples.SgdToThbCreditTransfer();
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        for (var i = 0; i < 100; i++)
        {
            buffer.ResetWrittenCount();
            IsoMessagePack.Serialize(buffer, message);
        }

        var sut = PaymentSwitch.TestKit.Allocations.SteadyStateBytes(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                buffer.ResetWrittenCount();
                IsoMessagePack.Serialize(buffer, message);
            }
        });

        Assert.Equal(0, sut);
    }

    [Fact]
    public void Deserialize_SameCodesInTwoMessages_ShareOneInternedString()
    {
        var bytes = IsoMessagePack.Serialize(IsoSamples.SgdToThbCreditTransfer());

        var first = IsoMessagePack.Deserialize<CustomerCreditTransfer>(bytes).Transactions[0];
        var second = IsoMessagePack.Deserialize<CustomerCreditTransfer>(bytes).Transactions[0];

        Assert.Same(first.DebtorAgent.Bicfi!.Value.Value, second.DebtorAgent.Bicfi!.Value.Value);
        Assert.Same(first.Purpose!.Value.Code, second.Purpose!.Value.Code);
        Assert.Same(first.InterbankSettlementAmount.Currency.Code, second.InterbankSettlementAmount.Currency.Code);
        Assert.NotSame(first.PaymentId.EndToEndId, second.PaymentId.EndToEndId);
    }

    // Every model type whose formatter writes a positional array: the message bodies and all records and structs.
    private static IEnumerable<Type> RecordModels() =>
        IsoResolver.Formatters.Keys
            .Where(static model => FieldsField(model) is not null)
            .Concat(Bodies.All.Select(static body => body.Type))
            .Distinct()
            .OrderBy(static model => model.Name, StringComparer.Ordinal);

    private static string[] FieldsOf(Type model) => (string[])FieldsField(model)!.GetValue(null)!;

    private static FieldInfo? FieldsField(Type model)
    {
        var body = Bodies.All.Where(body => body.Type == model).Select(static body => body.Formatter).FirstOrDefault();
        var formatter = body ?? IsoResolver.Formatters[model];
        return formatter.GetType().GetField("Fields", BindingFlags.NonPublic | BindingFlags.Static);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found above the test binaries.");
    }
}
