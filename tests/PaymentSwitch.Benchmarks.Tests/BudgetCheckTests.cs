using PaymentSwitch.Benchmarks.Budgets;

namespace PaymentSwitch.Benchmarks.Tests;

public sealed class BudgetCheckTests
{
    private static readonly Dictionary<string, AllocationBudget> Budgets = new(StringComparer.Ordinal)
    {
        ["Hub.Submit"] = new AllocationBudget(0, "hot path"),
        ["Codec.Read"] = new AllocationBudget(20_100, "measured 20,044 B plus a margin"),
    };

    [Fact]
    public void Compare_AllAtOrUnderBudget_Passes()
    {
        var sut = BudgetCheck.Compare(Budgets, Measured(("Hub.Submit", 0), ("Codec.Read", 19_000)));

        Assert.True(sut.Passed);
        Assert.All(sut.Rows, static row => Assert.Equal(BudgetVerdict.Ok, row.Verdict));
    }

    [Fact]
    public void Compare_ExactlyAtBudget_Passes()
    {
        var sut = BudgetCheck.Compare(Budgets, Measured(("Hub.Submit", 0), ("Codec.Read", 20_100)));

        Assert.True(sut.Passed);
        Assert.Equal(BudgetVerdict.Ok, Row(sut, "Codec.Read").Verdict);
    }

    [Fact]
    public void Compare_OneByteOverBudget_Fails()
    {
        var sut = BudgetCheck.Compare(Budgets, Measured(("Hub.Submit", 0), ("Codec.Read", 20_101)));

        Assert.False(sut.Passed);
        Assert.Equal(new BudgetRow("Codec.Read", 20_100, 20_101, BudgetVerdict.Over), Row(sut, "Codec.Read"));
        Assert.Equal(BudgetVerdict.Ok, Row(sut, "Hub.Submit").Verdict);
    }

    [Fact]
    public void Compare_ZeroBudgetAndAnyAllocation_Fails()
    {
        var sut = BudgetCheck.Compare(Budgets, Measured(("Hub.Submit", 1), ("Codec.Read", 0)));

        Assert.False(sut.Passed);
        Assert.Equal(BudgetVerdict.Over, Row(sut, "Hub.Submit").Verdict);
    }

    [Fact]
    public void Compare_BudgetedBenchmarkDidNotRun_FailsAsMissing()
    {
        var sut = BudgetCheck.Compare(Budgets, Measured(("Codec.Read", 0)));

        Assert.False(sut.Passed);
        Assert.Equal(new BudgetRow("Hub.Submit", 0, null, BudgetVerdict.Missing), Row(sut, "Hub.Submit"));
    }

    [Fact]
    public void Compare_BudgetedBenchmarkRanButFailed_FailsAsMissing()
    {
        var measured = new Dictionary<string, long?>(StringComparer.Ordinal) { ["Hub.Submit"] = null, ["Codec.Read"] = 0 };

        var sut = BudgetCheck.Compare(Budgets, measured);

        Assert.False(sut.Passed);
        Assert.Equal(BudgetVerdict.Missing, Row(sut, "Hub.Submit").Verdict);
    }

    [Fact]
    public void Compare_NothingRan_FailsWithEveryBudgetMissing()
    {
        var sut = BudgetCheck.Compare(Budgets, Measured());

        Assert.False(sut.Passed);
        Assert.Equal(2, sut.Count(BudgetVerdict.Missing));
    }

    [Fact]
    public void Compare_BenchmarkWithoutBudget_IsReportedAndDoesNotFail()
    {
        var sut = BudgetCheck.Compare(Budgets, Measured(("Hub.Submit", 0), ("Codec.Read", 1), ("New.Thing", 512)));

        Assert.True(sut.Passed);
        Assert.Equal(new BudgetRow("New.Thing", null, 512, BudgetVerdict.NoBudget), Row(sut, "New.Thing"));
        Assert.Contains("NO BUDGET", sut.Format(), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_OverBudget_PrintsEveryRowAndFailedSummary()
    {
        var sut = BudgetCheck.Compare(Budgets, Measured(("Hub.Submit", 0), ("Codec.Read", 21_000)));

        var text = sut.Format();

        Assert.Contains("Hub.Submit", text, StringComparison.Ordinal);
        Assert.Matches(@"Codec\.Read\s+20,100\s+21,000\s+OVER", text);
        Assert.EndsWith("1 within budget, 1 over budget, 0 missing, 0 without a budget: FAILED" + Environment.NewLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_Rows_AreOrderedById()
    {
        var sut = BudgetCheck.Compare(Budgets, Measured(("Hub.Submit", 0), ("Codec.Read", 0), ("A.First", 0)));

        Assert.Equal(["A.First", "Codec.Read", "Hub.Submit"], sut.Rows.Select(static row => row.Id));
    }

    [Fact]
    public void KeepLowest_RemeasuredLower_TakesTheLowerFigure()
    {
        var sut = BudgetCheck.KeepLowest(Measured(("Hub.Submit", 3), ("Codec.Read", 20_000)), Measured(("Hub.Submit", 0)));

        Assert.Equal(0, sut["Hub.Submit"]);
        Assert.Equal(20_000, sut["Codec.Read"]);
    }

    [Fact]
    public void KeepLowest_RemeasuredHigher_KeepsTheFirstFigure()
    {
        var sut = BudgetCheck.KeepLowest(Measured(("Hub.Submit", 3)), Measured(("Hub.Submit", 8)));

        Assert.Equal(3, sut["Hub.Submit"]);
    }

    [Fact]
    public void KeepLowest_FailedOnceThenRan_KeepsTheFigure()
    {
        var first = new Dictionary<string, long?>(StringComparer.Ordinal) { ["Hub.Submit"] = null };

        var sut = BudgetCheck.KeepLowest(first, Measured(("Hub.Submit", 0)));

        Assert.Equal(0, sut["Hub.Submit"]);
    }

    [Fact]
    public void KeepLowest_StillOverAfterRemeasuring_Fails()
    {
        var measured = BudgetCheck.KeepLowest(Measured(("Hub.Submit", 24), ("Codec.Read", 0)), Measured(("Hub.Submit", 24)));

        var sut = BudgetCheck.Compare(Budgets, measured);

        Assert.False(sut.Passed);
        Assert.Equal(BudgetVerdict.Over, Row(sut, "Hub.Submit").Verdict);
    }

    private static Dictionary<string, long?> Measured(params (string Id, long Bytes)[] figures) =>
        figures.ToDictionary(static f => f.Id, static f => (long?)f.Bytes, StringComparer.Ordinal);

    private static BudgetRow Row(BudgetReport report, string id) => Assert.Single(report.Rows, row => row.Id == id);
}
