using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub.Payments;

namespace PaymentSwitch.Hub.Tests.Payments;

public sealed class PaymentTransitionsTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 14, 2, 0, 0, TimeSpan.Zero);

    public static TheoryData<PaymentState, PaymentEventKind> IllegalPairs()
    {
        var data = new TheoryData<PaymentState, PaymentEventKind>();
        foreach (var state in Enum.GetValues<PaymentState>())
        {
            foreach (var kind in Enum.GetValues<PaymentEventKind>())
            {
                if (!PaymentTransitions.All.Any(t => t.From == state && t.Event == kind))
                {
                    data.Add(state, kind);
                }
            }
        }

        return data;
    }

    [Fact]
    public void TryNext_EveryListedTransition_Allowed()
    {
        foreach (var (from, kind, to) in PaymentTransitions.All)
        {
            Assert.True(PaymentTransitions.TryNext(from, kind, out var next));
            Assert.Equal(to, next);
        }
    }

    [Theory]
    [MemberData(nameof(IllegalPairs))]
    public void TryNext_UnlistedPair_Refused(PaymentState state, PaymentEventKind kind)
    {
        Assert.False(PaymentTransitions.TryNext(state, kind, out _));
    }

    [Fact]
    public void Apply_AcceptBeforeForward_RefusedAndStateUnchanged()
    {
        var sut = new PaymentBook();
        var uetr = HubFixture.TestUetr(1);
        Assert.True(sut.Apply(PaymentEvent.Received(uetr, At, default)));

        Assert.False(sut.Apply(PaymentEvent.Accepted(uetr, At)));
        sut.TryGet(uetr, out var record);
        Assert.Equal(PaymentState.Received, record.State);
    }

    [Fact]
    public void Apply_TimedOutThenAccepted_Refused()
    {
        var sut = new PaymentBook();
        var uetr = HubFixture.TestUetr(1);
        foreach (var e in new[]
        {
            PaymentEvent.Received(uetr, At, default), PaymentEvent.Validated(uetr, At), PaymentEvent.Reserved(uetr, At),
            PaymentEvent.Forwarded(uetr, At), PaymentEvent.TimedOut(uetr, At, StatusReasonCode.AB06),
        })
        {
            Assert.True(sut.Apply(e));
        }

        Assert.False(sut.Apply(PaymentEvent.Accepted(uetr, At)));
        Assert.True(sut.Apply(PaymentEvent.LateAcceptance(uetr, At)));
    }

    [Fact]
    public void Apply_FullHappyPath_EndsAccepted()
    {
        var sut = new PaymentBook();
        var uetr = HubFixture.TestUetr(1);
        sut.Apply(PaymentEvent.Received(uetr, At, default));
        sut.Apply(PaymentEvent.Validated(uetr, At));
        sut.Apply(PaymentEvent.Reserved(uetr, At));
        sut.Apply(PaymentEvent.Forwarded(uetr, At));
        sut.Apply(PaymentEvent.Accepted(uetr, At.AddSeconds(3)));

        Assert.True(sut.TryGet(uetr, out var record));
        Assert.Equal(PaymentState.Accepted, record.State);
        Assert.Equal(TransactionStatus.ACCC, record.LastStatus);
        Assert.Equal(At.AddSeconds(3), record.UpdatedAt);
    }

    [Property(MaxTest = 200)]
    public Property Apply_RandomEventSequences_ReplayGivesEqualBook(int[] script)
    {
        // Drive a book with arbitrary (often illegal) events; journal the accepted ones; replay them into a new book.
        var sut = new PaymentBook(4);
        var journal = new List<PaymentEvent>();
        var kinds = Enum.GetValues<PaymentEventKind>();
        var i = 0;
        foreach (var n in script ?? [])
        {
            var uetr = HubFixture.TestUetr(Math.Abs(n % 5));
            var kind = kinds[Math.Abs(n / 5 % kinds.Length)];
            var e = new PaymentEvent(kind, uetr, At.AddSeconds(i++), Reason: StatusReasonCode.AB05);
            if (sut.Apply(e))
            {
                journal.Add(e);
            }
        }

        var replayed = new PaymentBook(4);
        foreach (var e in journal)
        {
            Assert.True(replayed.Apply(e));
        }

        return sut.Snapshot().SequenceEqual(replayed.Snapshot()).ToProperty();
    }
}
