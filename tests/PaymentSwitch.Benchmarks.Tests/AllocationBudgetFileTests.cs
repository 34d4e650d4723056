using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using PaymentSwitch.Benchmarks.Budgets;

namespace PaymentSwitch.Benchmarks.Tests;

public sealed class AllocationBudgetFileTests
{
    [Fact]
    public void Parse_ValidFile_ReadsEveryBudget()
    {
        var sut = AllocationBudgetFile.Parse("""
            {
              "comment": "ignored",
              "budgets": {
                "Hub.Submit": { "bytesPerOperation": 0, "reason": "hot path" },
                "Codec.Read": { "bytesPerOperation": 20100, "reason": "measured plus a margin" }
              }
            }
            """);

        Assert.Equal(2, sut.Count);
        Assert.Equal(new AllocationBudget(20_100, "measured plus a margin"), sut["Codec.Read"]);
    }

    [Theory]
    [InlineData("""{ "budgets": { "A.B": { "bytesPerOperation": -1, "reason": "r" } } }""")]
    [InlineData("""{ "budgets": { "A.B": { "bytesPerOperation": 1.5, "reason": "r" } } }""")]
    [InlineData("""{ "budgets": { "A.B": { "bytesPerOperation": "0", "reason": "r" } } }""")]
    [InlineData("""{ "budgets": { "A.B": { "reason": "r" } } }""")]
    [InlineData("""{ "budgets": { "A.B": { "bytesPerOperation": 0 } } }""")]
    [InlineData("""{ "budgets": { "A.B": { "bytesPerOperation": 0, "reason": " " } } }""")]
    [InlineData("""{ "budgets": { "A.B": { "bytesPerOperation": 0, "reason": "r" }, "A.B": { "bytesPerOperation": 9, "reason": "r" } } }""")]
    [InlineData("""{ "budgets": [] }""")]
    [InlineData("""{ }""")]
    [InlineData("""[]""")]
    public void Parse_MalformedBudget_Throws(string json) =>
        Assert.Throws<FormatException>(() => AllocationBudgetFile.Parse(json));

    [Fact]
    public void Of_ParametersInAnyOrder_SortsThemByName()
    {
        var sut = BenchmarkIds.Of("SettlementCloseBenchmarks", "Close", [new("Payments", 1000), new("Participants", 100)]);

        Assert.Equal("SettlementCloseBenchmarks.Close(Participants=100, Payments=1000)", sut);
    }

    [Fact]
    public void Of_NoParameters_IsClassDotMethod() =>
        Assert.Equal("HubSubmitBenchmarks.Submit", BenchmarkIds.Of("HubSubmitBenchmarks", "Submit", []));

    /// <summary>The committed file and the benchmarks agree: a renamed benchmark must not leave its budget behind unnoticed.</summary>
    [Fact]
    public void RepositoryBudgets_EveryBenchmarkHasABudgetAndEveryBudgetABenchmark()
    {
        var sut = AllocationBudgetFile.Load(Path.Combine(RepoRoot(), "bench", "allocation-budgets.json"));

        var ids = typeof(BudgetCheck).Assembly.GetTypes()
            .Where(static type => type.IsPublic && type.GetMethods().Any(static m => m.IsDefined(typeof(BenchmarkAttribute), false)))
            .SelectMany(static type => BenchmarkConverter.TypeToBenchmarks(type).BenchmarksCases)
            .Select(BenchmarkIds.Of)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(ids.Except(sut.Keys));
        Assert.Empty(sut.Keys.Except(ids));
    }

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PaymentSwitch.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("PaymentSwitch.sln not found above " + AppContext.BaseDirectory);
    }
}
