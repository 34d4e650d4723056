using FsCheck;
using FsCheck.Fluent;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub.Ledger;
using static PaymentSwitch.Hub.Tests.Ledger.LedgerFixtures;

namespace PaymentSwitch.Hub.Tests.Ledger;

/// <summary>
/// Properties over random sequences of reserve, commit, release and close across random participants, currencies
/// and legs, checked against a simple model (sums of pending and committed legs).
/// </summary>
public sealed class LedgerProperties
{
    private const int Cases = 500;

    private static readonly Bic[] Participants = [Dbs, Bbl, Fxp, Maybank];
    private static readonly Currency[] Currencies = [Currency.SGD, Currency.THB, Currency.VND];

    [Fact]
    public void Close_AnySequence_NetsOfEveryCurrencySumToZero() => Check(Invariant.NetsSumToZero);

    [Fact]
    public void Close_AnySequence_NetEqualsSumOfCommittedLegs() => Check(Invariant.NetEqualsCommittedLegs);

    [Fact]
    public void Close_Twice_ChangesNothing() => Check(Invariant.CloseTwiceChangesNothing);

    [Fact]
    public void Release_AnySequence_LeavesPositionsExactlyAsBefore() => Check(Invariant.ReleaseRestores);

    [Fact]
    public void Reserve_AnySequence_NeverExceedsALimit() => Check(Invariant.LimitsHold);

    [Fact]
    public void Replay_AnySequence_RebuildsAnEqualLedger() => Check(Invariant.ReplayEqual);

    [Fact]
    public void CommitAndRelease_Repeated_AreIdempotent() => Check(Invariant.Idempotent);

    private static void Check(Invariant invariant) =>
        Prop.ForAll(Arb.From(Scenarios), scenario => Run(scenario, invariant))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));

    [Flags]
    private enum Invariant
    {
        NetsSumToZero = 1,
        NetEqualsCommittedLegs = 2,
        CloseTwiceChangesNothing = 4,
        ReleaseRestores = 8,
        LimitsHold = 16,
        ReplayEqual = 32,
        Idempotent = 64,
    }

    private enum OpKind
    {
        Reserve,
        Commit,
        Release,
        Close,
    }

    private sealed record Op(OpKind Kind, ReservationId Id, TransferLeg[] Legs)
    {
        public override string ToString() => $"{Kind} {Id} [{string.Join(", ", Legs)}]";
    }

    private sealed record Scenario((LiquidityLimitKind Kind, long LimitMinor)[] Accounts, Op[] Ops)
    {
        public override string ToString() =>
            $"accounts [{string.Join(", ", Accounts)}]\n  {string.Join("\n  ", Ops.Select(o => o.ToString()))}";
    }

    private static Gen<ReservationId> Ids =>
        from n in Gen.Choose(0, 15)
        from purpose in Gen.Elements(ReservationPurpose.Payment, ReservationPurpose.Return)
        select new ReservationId(UetrFor(n), purpose);

    private static Gen<TransferLeg> Legs =>
        from debtor in Gen.Choose(0, Participants.Length - 1)
        from creditor in Gen.Choose(0, Participants.Length - 1)
        from currency in Gen.Choose(0, Currencies.Length - 1)
        from amount in Gen.Frequency((1, Gen.Constant(0)), (20, Gen.Choose(1, 30_000)))
        select Leg(Participants[debtor], Participants[creditor], amount, Currencies[currency]);

    private static Gen<Op> Ops => Gen.Frequency(
        (6, from id in Ids
            from count in Gen.Frequency((14, Gen.Constant(1)), (5, Gen.Constant(2)), (1, Gen.Constant(3)))
            from legs in Gen.ArrayOf(Legs, count)
            select new Op(OpKind.Reserve, id, legs)),
        (3, Ids.Select(id => new Op(OpKind.Commit, id, []))),
        (2, Ids.Select(id => new Op(OpKind.Release, id, []))),
        (1, Gen.Constant(new Op(OpKind.Close, default, []))));

    private static Gen<Scenario> Scenarios =>
        from accounts in Gen.ArrayOf(
            from kind in Gen.Elements(LiquidityLimitKind.Prefunded, LiquidityLimitKind.NetDebitCap)
            from limit in Gen.Frequency((1, Gen.Constant(0)), (5, Gen.Choose(0, 100_000)))
            select (kind, (long)limit),
            Participants.Length * Currencies.Length)
        from ops in Gen.ListOf(Ops)
        select new Scenario(accounts, ops.ToArray());

    private static void Run(Scenario scenario, Invariant invariant)
    {
        var buffer = new LedgerEventBuffer();
        var sut = NewLedger(buffer);
        for (var p = 0; p < Participants.Length; p++)
        {
            for (var c = 0; c < Currencies.Length; c++)
            {
                var (kind, limit) = scenario.Accounts[(p * Currencies.Length) + c];
                sut.Configure(Participants[p], Currencies[c], kind, limit);
            }
        }

        // The model: legs pending per id, legs committed in the open cycle, and all legs ever committed.
        var pending = new Dictionary<ReservationId, TransferLeg[]>();
        var committed = new List<TransferLeg>();
        var committedEver = new List<TransferLeg>();
        var closes = 0;
        foreach (var op in scenario.Ops)
        {
            var before = sut.Positions;
            switch (op.Kind)
            {
                case OpKind.Reserve:
                {
                    var result = sut.Reserve(op.Id, op.Legs);
                    if (result.Status == ReservationStatus.Reserved)
                    {
                        pending.Add(op.Id, op.Legs);
                    }
                    else
                    {
                        Assert.Equal(before, sut.Positions);
                    }

                    break;
                }

                case OpKind.Commit:
                {
                    var outcome = sut.Commit(op.Id);
                    if (pending.Remove(op.Id, out var legs))
                    {
                        Assert.Equal(ReservationOutcome.Committed, outcome);
                        committed.AddRange(legs);
                        committedEver.AddRange(legs);
                        if (invariant.HasFlag(Invariant.Idempotent))
                        {
                            var after = sut.Positions;
                            Assert.Equal(ReservationOutcome.AlreadyCommitted, sut.Commit(op.Id));
                            Assert.Equal(ReservationOutcome.AlreadyCommitted, sut.Release(op.Id));
                            Assert.Equal(after, sut.Positions);
                        }
                    }
                    else
                    {
                        Assert.NotEqual(ReservationOutcome.Committed, outcome);
                        Assert.Equal(before, sut.Positions);
                    }

                    break;
                }

                case OpKind.Release:
                {
                    var outcome = sut.Release(op.Id);
                    if (pending.Remove(op.Id, out var legs))
                    {
                        Assert.Equal(ReservationOutcome.Released, outcome);
                        if (invariant.HasFlag(Invariant.ReleaseRestores))
                        {
                            // Exactly the released amounts come off the debtors' reservations; nets do not move.
                            foreach (var position in sut.Positions)
                            {
                                var old = before.Single(b => b.Participant == position.Participant && b.Currency == position.Currency);
                                var released = legs.Where(l => l.Debtor == position.Participant && l.Amount.Currency == position.Currency).Sum(l => l.Amount.AmountMinor);
                                Assert.Equal(old with { ReservedMinor = old.ReservedMinor - released }, position);
                            }
                        }

                        if (invariant.HasFlag(Invariant.Idempotent))
                        {
                            var after = sut.Positions;
                            Assert.Equal(ReservationOutcome.AlreadyReleased, sut.Release(op.Id));
                            Assert.Equal(ReservationOutcome.AlreadyReleased, sut.Commit(op.Id));
                            Assert.Equal(after, sut.Positions);
                        }
                    }
                    else
                    {
                        Assert.NotEqual(ReservationOutcome.Released, outcome);
                        Assert.Equal(before, sut.Positions);
                    }

                    break;
                }

                case OpKind.Close:
                    CloseAndCheck(sut, ++closes, committed, invariant);
                    committed.Clear();
                    break;
            }

            CheckPositions(sut, pending, committed, committedEver, invariant);
        }

        CloseAndCheck(sut, ++closes, committed, invariant);
        committed.Clear();
        CheckPositions(sut, pending, committed, committedEver, invariant);

        if (invariant.HasFlag(Invariant.ReplayEqual))
        {
            var replayed = NewLedger();
            replayed.Replay(buffer.ToArray());
            Assert.Equal(sut.DescribeState(), replayed.DescribeState());

            // A redelivered journal changes nothing.
            replayed.Replay(buffer.ToArray());
            Assert.Equal(sut.DescribeState(), replayed.DescribeState());
        }
    }

    private static void CheckPositions(
        LiquidityLedger sut, Dictionary<ReservationId, TransferLeg[]> pending, List<TransferLeg> committed, List<TransferLeg> committedEver, Invariant invariant)
    {
        foreach (var position in sut.Positions)
        {
            var reserved = pending.Values.SelectMany(l => l)
                .Where(l => l.Debtor == position.Participant && l.Amount.Currency == position.Currency)
                .Sum(l => l.Amount.AmountMinor);
            Assert.Equal(reserved, position.ReservedMinor);
            // A prefunded position's funds moved on commit; a net debit cap position's net restarts at each close.
            var movements = position.Kind == LiquidityLimitKind.Prefunded ? committedEver : committed;
            Assert.Equal(NetOf(movements, position.Participant, position.Currency), position.NetMinor);
            if (invariant.HasFlag(Invariant.LimitsHold))
            {
                Assert.True(position.AvailableMinor >= 0, $"available below zero: {position}");
                if (position.Kind == LiquidityLimitKind.Prefunded)
                {
                    Assert.True(position.BalanceMinor - position.ReservedMinor >= 0, $"prefunded overdrawn: {position}");
                }
                else
                {
                    Assert.True(position.NetMinor - position.ReservedMinor >= -position.LimitMinor, $"net debit cap exceeded: {position}");
                }
            }
        }
    }

    private static void CloseAndCheck(LiquidityLedger sut, int cycle, List<TransferLeg> committed, Invariant invariant)
    {
        var report = sut.Close(cycle, Start.AddMinutes(cycle), IpsByCurrency)!;
        Assert.Equal(cycle, report.CycleNumber);
        Assert.Equal(committed.Count, report.CommittedLegCount);
        foreach (var entry in report.Currencies)
        {
            if (invariant.HasFlag(Invariant.NetsSumToZero))
            {
                Assert.Equal(0, entry.Nets.Sum(n => n.NetMinor));
            }

            Assert.Equal(IpsByCurrency[entry.Currency], entry.Ips);
            Assert.All(entry.Instructions, i => Assert.Equal(entry.Ips, i.Ips));
            Assert.All(entry.Instructions, i => Assert.Equal(entry.Currency, i.Amount.Currency));
            Assert.All(entry.Instructions, i => Assert.True(i.Amount.AmountMinor > 0));
            Assert.True(entry.Instructions.Count <= Math.Max(entry.Nets.Count - 1, 0));
            foreach (var net in entry.Nets)
            {
                // The instructions settle every net exactly.
                var received = entry.Instructions.Where(i => i.Payee == net.Participant).Sum(i => i.Amount.AmountMinor);
                var paid = entry.Instructions.Where(i => i.Payer == net.Participant).Sum(i => i.Amount.AmountMinor);
                Assert.Equal(net.NetMinor, received - paid);
            }
        }

        if (invariant.HasFlag(Invariant.NetEqualsCommittedLegs))
        {
            foreach (var participant in Participants)
            {
                foreach (var currency in Currencies)
                {
                    Assert.Equal(NetOf(committed, participant, currency), report.NetOf(participant, currency));
                    foreach (var creditor in Participants)
                    {
                        var gross = committed.Where(l => l.Debtor == participant && l.Creditor == creditor && l.Amount.Currency == currency).Sum(l => l.Amount.AmountMinor);
                        Assert.Equal(gross, report.For(currency)?.GrossOf(participant, creditor) ?? 0);
                    }
                }
            }
        }

        if (invariant.HasFlag(Invariant.CloseTwiceChangesNothing))
        {
            var state = sut.DescribeState();
            var sequence = sut.LastSequence;
            Assert.Same(report, sut.Close(cycle, Start.AddMinutes(cycle + 1), IpsByCurrency));
            Assert.Equal(state, sut.DescribeState());
            Assert.Equal(sequence, sut.LastSequence);
        }
    }

    private static long NetOf(List<TransferLeg> legs, Bic participant, Currency currency) =>
        legs.Where(l => l.Amount.Currency == currency && l.Creditor == participant).Sum(l => l.Amount.AmountMinor)
        - legs.Where(l => l.Amount.Currency == currency && l.Debtor == participant).Sum(l => l.Amount.AmountMinor);
}
