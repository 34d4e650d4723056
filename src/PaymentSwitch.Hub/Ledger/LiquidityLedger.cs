using System.Collections.Frozen;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.Ledger;

/// <summary>
/// Liquidity positions per participant per currency in minor units, two-phase reservations (reserve, then commit or
/// release, exactly once) and incremental settlement netting. Modelled on TigerBeetle: integers only, one ledger per
/// currency, a cross-currency payment as linked legs through an FX provider, events as the source of truth.
/// </summary>
/// <remarks>
/// <para>
/// Single writer, not thread-safe by design: one ledger instance owns one partition and exactly one thread calls it.
/// Locks would cost more than the work; the host scales by partitioning (see docs/settlement.md).
/// </para>
/// <para>
/// Every public operation decides first (without changing anything), then emits a <see cref="LedgerEvent"/> to the
/// <see cref="ILedgerEventSink"/> and applies it. <see cref="Apply"/> and <see cref="Replay"/> rebuild state from a journal.
/// Business refusals are values (<see cref="ReservationResult"/>, <see cref="ReservationOutcome"/>); exceptions mean a
/// programmer or configuration error.
/// </para>
/// <para>
/// After warm-up (dictionaries grown to their working size) Reserve, Commit and Release of one or two legs allocate nothing.
/// </para>
/// </remarks>
public sealed class LiquidityLedger
{
    /// <summary>The most legs one reservation may have; bounds the decision loop (a payment has one or two).</summary>
    public const int MaxLegsPerReservation = 8;

    private readonly LedgerOptions _options;
    private readonly ILedgerEventSink? _sink;
    private readonly AccountBook _accounts;
    private readonly SettlementCycle _cycle;

    // Pending and remembered completed reservations share one table, so that the duplicate check of Reserve is one probe
    // and completing a reservation rewrites its entry in place instead of moving it to another table (on the hot path
    // each table probe for a fresh id is a cache miss).
    private readonly Dictionary<ReservationId, ReservationEntry> _reservations;
    private readonly ReservationId[] _completedRing;

    // Payment reservations made by the hub engine, held at the engine's payment-book slot instead of in _reservations:
    // the book already finds a payment by UETR, and a second UETR-keyed table would cost a second cold probe (and about
    // a hundred bytes) per payment. Id-keyed callers still find them (by a scan; see FindSlot).
    private SlottedReservation[] _slotted = [];

    // The accounts the last reservation's first and second legs resolved to. Payments of one corridor come in runs and
    // name their participants with the reference data's own strings, so comparing references usually replaces four
    // hashed lookups per payment. Positions are never removed, so a remembered index stays right.
    private readonly LegAccounts[] _legAccounts = new LegAccounts[2];
    private int _slottedPending;
    private int _pendingCount;
    private int _completedCount;
    private readonly Dictionary<long, SettlementReport> _reports = [];
    private readonly Queue<long> _reportOrder = new();
    private int _completedHead;
    private long _lastSequence;

    /// <summary>Creates an empty ledger with cycle 1 open.</summary>
    /// <param name="options">Capacities and the opening time of cycle 1; defaults if <c>null</c>.</param>
    /// <param name="sink">Receives every emitted event (the journal), or <c>null</c> to emit nowhere.</param>
    public LiquidityLedger(LedgerOptions? options = null, ILedgerEventSink? sink = null)
    {
        _options = options ?? new LedgerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.CompletedReservationsRetained, 0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ClosedReportsRetained, 1, nameof(options));
        _sink = sink;
        _accounts = new AccountBook(_options.AccountCapacity);
        _cycle = new SettlementCycle(_accounts, _options.FirstCycleOpenedAt, _options.AccountCapacity, _options.BilateralPairCapacity);
        _reservations = new Dictionary<ReservationId, ReservationEntry>(_options.PendingReservationCapacity + _options.CompletedReservationsRetained);
        _completedRing = new ReservationId[_options.CompletedReservationsRetained];
    }

    /// <summary>The sequence number of the last event applied (0 for a new ledger).</summary>
    public long LastSequence => _lastSequence;

    /// <summary>The open settlement cycle, with its running nets and bilateral totals.</summary>
    public SettlementCycle OpenCycle => _cycle;

    /// <summary>How many reservations are pending (reserved, neither committed nor released).</summary>
    public int PendingCount => _pendingCount;

    /// <summary>Every configured position, in configuration order.</summary>
    public IReadOnlyList<Position> Positions
    {
        get
        {
            var positions = new Position[_accounts.Count];
            for (var i = 0; i < positions.Length; i++)
            {
                positions[i] = _accounts.ToPosition(i);
            }

            return positions;
        }
    }

    /// <summary>
    /// Configures (or reconfigures) a participant's position in one currency. Idempotent: the same configuration again
    /// emits nothing. Reconfiguring changes the limit only (a top-up, a new cap), keeping the net and the reservations;
    /// lowering a limit below what is already used rejects new reservations until the position recovers.
    /// </summary>
    /// <param name="participant">The participant.</param>
    /// <param name="currency">The currency.</param>
    /// <param name="kind">How the position is limited.</param>
    /// <param name="limitMinor">
    /// For <see cref="LiquidityLimitKind.Prefunded"/> the funds placed (the opening balance); for
    /// <see cref="LiquidityLimitKind.NetDebitCap"/> the cap. At least 0, at most <see cref="Money.MaxAmountMinor"/>.
    /// </param>
    /// <exception cref="ArgumentException">A default BIC or currency, an undefined kind, a limit out of range, or a different kind for an existing position.</exception>
    public void Configure(Bic participant, Currency currency, LiquidityLimitKind kind, long limitMinor)
    {
        if (participant.Value.Length == 0)
        {
            throw new ArgumentException("The participant is the default BIC.", nameof(participant));
        }

        if (currency.Code.Length == 0)
        {
            throw new ArgumentException("The currency is the default value.", nameof(currency));
        }

        if (kind is not (LiquidityLimitKind.Prefunded or LiquidityLimitKind.NetDebitCap))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined limit kind.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(limitMinor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limitMinor, Money.MaxAmountMinor);

        if (_accounts.TryFind(participant, currency, out var index))
        {
            ref var account = ref _accounts[index];
            if (account.Kind != kind)
            {
                // The kinds keep their nets differently (since configuration, or since the last close), so switching would
                // misstate the position.
                throw new ArgumentException($"The position of {participant} in {currency} is {account.Kind}; its kind cannot change.", nameof(kind));
            }

            if (account.LimitMinor == limitMinor)
            {
                return;
            }
        }

        var configured = LedgerEvent.LimitConfigured(_lastSequence + 1, participant, currency, kind, limitMinor);
        Emit(configured);
        ApplyLimitConfigured(configured);
        _lastSequence = configured.Sequence;
    }

    /// <summary>Configures a prefunded position holding <paramref name="fundsMinor"/>; see <see cref="Configure"/>.</summary>
    public void ConfigurePrefunded(Bic participant, Currency currency, long fundsMinor) =>
        Configure(participant, currency, LiquidityLimitKind.Prefunded, fundsMinor);

    /// <summary>Configures a position with a net debit cap of <paramref name="capMinor"/>; see <see cref="Configure"/>.</summary>
    public void ConfigureNetDebitCap(Bic participant, Currency currency, long capMinor) =>
        Configure(participant, currency, LiquidityLimitKind.NetDebitCap, capMinor);

    /// <summary>The position of a participant in a currency.</summary>
    /// <exception cref="ArgumentException">The position is not configured.</exception>
    public Position GetPosition(Bic participant, Currency currency)
    {
        if (!TryGetPosition(participant, currency, out var position))
        {
            throw new ArgumentException($"No position is configured for {participant} in {currency}.", nameof(participant));
        }

        return position;
    }

    /// <summary>The position of a participant in a currency, if configured.</summary>
    public bool TryGetPosition(Bic participant, Currency currency, out Position position)
    {
        if (_accounts.TryFind(participant, currency, out var index))
        {
            position = _accounts.ToPosition(index);
            return true;
        }

        position = default;
        return false;
    }

    /// <summary>Where a reservation stands.</summary>
    public ReservationState GetReservationState(ReservationId id)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_reservations, id);
        if (!Unsafe.IsNullRef(ref entry))
        {
            return entry.State;
        }

        return FindSlot(id) >= 0 ? ReservationState.Pending : ReservationState.Unknown;
    }

    /// <summary>The legs of a pending reservation, or an empty array if it is not pending.</summary>
    public TransferLeg[] GetPendingLegs(ReservationId id)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_reservations, id);
        PendingReservation pending;
        if (!Unsafe.IsNullRef(ref entry))
        {
            if (entry.State != ReservationState.Pending)
            {
                return [];
            }

            pending = entry.Pending;
        }
        else if (FindSlot(id) is var slot and >= 0)
        {
            pending = _slotted[slot].Pending;
        }
        else
        {
            return [];
        }

        var legs = new TransferLeg[pending.LegCount];
        for (var i = 0; i < legs.Length; i++)
        {
            legs[i] = pending.GetLeg(i, _accounts);
        }

        return legs;
    }

    /// <summary>Reserves all <paramref name="legs"/> on their debtors, or none; see <see cref="Reserve(ReservationId, ReadOnlySpan{TransferLeg})"/>.</summary>
    public ReservationResult Reserve(ReservationId id, IReadOnlyList<TransferLeg> legs)
    {
        ArgumentNullException.ThrowIfNull(legs);
        switch (legs.Count)
        {
            case 1:
            {
                var leg = legs[0];
                return Reserve(id, new ReadOnlySpan<TransferLeg>(in leg));
            }

            case 2:
            {
                Span<TransferLeg> two = [legs[0], legs[1]];
                return Reserve(id, two);
            }

            default:
            {
                var copy = new TransferLeg[legs.Count];
                for (var i = 0; i < copy.Length; i++)
                {
                    copy[i] = legs[i];
                }

                return Reserve(id, copy);
            }
        }
    }

    /// <summary>Reserves one leg; see <see cref="Reserve(ReservationId, ReadOnlySpan{TransferLeg})"/>.</summary>
    public ReservationResult Reserve(ReservationId id, in TransferLeg leg) => Reserve(id, new ReadOnlySpan<TransferLeg>(in leg));

    /// <summary>
    /// Reserves every leg's amount on its debtor's position, atomically: all legs or none. Only the debtors' reserved
    /// amounts change; nothing is credited until <see cref="Commit"/>.
    /// </summary>
    /// <returns>
    /// <see cref="ReservationStatus.Reserved"/>; <see cref="ReservationStatus.AlreadyReserved"/> if the same id with
    /// the same legs is pending; otherwise a rejection naming the leg, participant and currency at fault
    /// (<c>legs[1] FXPROVIDER THB</c>): AM04 prefunded funds insufficient, AM23 net debit cap exceeded, AG01 position not
    /// configured or debtor equals creditor or too many legs, AM01 zero amount, AM09 negative or too large amount,
    /// CH21 no legs, AM05 the id is pending with other legs or already completed.
    /// </returns>
    public ReservationResult Reserve(ReservationId id, ReadOnlySpan<TransferLeg> legs)
    {
        if (legs.IsEmpty)
        {
            return ReservationResult.Rejected(new Rejection(StatusReasonCode.CH21, "legs", "a reservation needs at least one leg"));
        }

        if (legs.Length > MaxLegsPerReservation)
        {
            return ReservationResult.Rejected(new Rejection(
                StatusReasonCode.AG01,
                "legs",
                string.Create(CultureInfo.InvariantCulture, $"a reservation has at most {MaxLegsPerReservation} legs; got {legs.Length}")));
        }

        ref var existing = ref CollectionsMarshal.GetValueRefOrNullRef(_reservations, id);
        if (!Unsafe.IsNullRef(ref existing))
        {
            if (existing.State == ReservationState.Pending)
            {
                return existing.Pending.SameLegs(legs, _accounts)
                    ? ReservationResult.AlreadyReserved
                    : ReservationResult.Rejected(new Rejection(StatusReasonCode.AM05, "id", $"reservation {id} is pending with different legs"));
            }

            return ReservationResult.Rejected(new Rejection(
                StatusReasonCode.AM05, "id", $"reservation {id} was already {(existing.State == ReservationState.Committed ? "committed" : "released")}"));
        }

        if (FindSlot(id) is var held and >= 0)
        {
            return _slotted[held].Pending.SameLegs(legs, _accounts)
                ? ReservationResult.AlreadyReserved
                : ReservationResult.Rejected(new Rejection(StatusReasonCode.AM05, "id", $"reservation {id} is pending with different legs"));
        }

        // Debtor and creditor account indices, two per leg, found once here and reused by the apply step.
        Span<int> accounts = stackalloc int[2 * MaxLegsPerReservation];
        for (var i = 0; i < legs.Length; i++)
        {
            var rejection = Check(legs, i, accounts);
            if (rejection is not null)
            {
                return ReservationResult.Rejected(rejection.Value);
            }
        }

        var reserved = LedgerEvent.Reserved(_lastSequence + 1, id, legs);
        Emit(reserved);
        ApplyReserved(id, legs, accounts);
        _lastSequence = reserved.Sequence;
        return ReservationResult.Reserved;
    }

    /// <summary>
    /// Commits a pending reservation: each debtor's reservation becomes a debit, each creditor is credited, and the legs
    /// are recorded in the open settlement cycle. Idempotent: a repeat answers <see cref="ReservationOutcome.AlreadyCommitted"/>.
    /// </summary>
    /// <returns><see cref="ReservationOutcome.Committed"/>, or, with no effect, AlreadyCommitted, AlreadyReleased or Unknown.</returns>
    public ReservationOutcome Commit(ReservationId id)
    {
        if (!IsPending(id))
        {
            return FindSlot(id) is var slot and >= 0 ? CommitSlot(slot, id) : Completed(id);
        }

        var committed = LedgerEvent.Committed(_lastSequence + 1, id, _cycle.CycleNumber);
        Emit(committed);
        ApplyCommitted(id);
        _lastSequence = committed.Sequence;
        return ReservationOutcome.Committed;
    }

    /// <summary>
    /// Releases a pending reservation (rejection or timeout): each debtor's reserved amount drops by exactly what was
    /// reserved. Idempotent: a repeat answers <see cref="ReservationOutcome.AlreadyReleased"/>; releasing a committed
    /// reservation answers <see cref="ReservationOutcome.AlreadyCommitted"/> and changes nothing (a return is a new reservation).
    /// </summary>
    public ReservationOutcome Release(ReservationId id)
    {
        if (!IsPending(id))
        {
            return FindSlot(id) is var slot and >= 0 ? ReleaseSlot(slot, id) : Completed(id);
        }

        var released = LedgerEvent.Released(_lastSequence + 1, id);
        Emit(released);
        ApplyReleased(id);
        _lastSequence = released.Sequence;
        return ReservationOutcome.Released;
    }

    /// <summary>Makes room for payment reservations held at slots 0 to <paramref name="capacity"/> − 1 (the engine's payment book size).</summary>
    internal void EnsureSlotCapacity(int capacity)
    {
        if (_slotted.Length < capacity)
        {
            Array.Resize(ref _slotted, Math.Max(capacity, 2 * _slotted.Length));
        }
    }

    /// <summary>
    /// Reserves a payment's legs as <see cref="Reserve(ReservationId, ReadOnlySpan{TransferLeg})"/> does, holding the
    /// reservation at <paramref name="slot"/> (the payment's slot in the hub engine's book) instead of in the id-keyed
    /// table. The caller guarantees that <paramref name="id"/> is new: the engine's payment book lets a UETR reserve once.
    /// Emits the same <see cref="LedgerEventKind.Reserved"/> event, so the journal and a replay are unchanged.
    /// </summary>
    internal ReservationResult ReserveAt(int slot, ReservationId id, ReadOnlySpan<TransferLeg> legs)
    {
        LedgerInvariant.Assert(id.Purpose == ReservationPurpose.Payment, "Only payment reservations are held at a slot.");
        LedgerInvariant.Assert(legs.Length is > 0 and <= MaxLegsPerReservation, "A payment has one or two legs.");
        EnsureSlotCapacity(slot + 1);
        ref var held = ref _slotted[slot];
        LedgerInvariant.Assert(!held.IsPending, "A slot holds one pending reservation at a time.");
        Span<int> accounts = stackalloc int[2 * MaxLegsPerReservation];
        for (var i = 0; i < legs.Length; i++)
        {
            var rejection = Check(legs, i, accounts);
            if (rejection is not null)
            {
                return ReservationResult.Rejected(rejection.Value);
            }
        }

        // The event copies both legs: build it only when someone journals it (the engine's ledger usually has no sink).
        var sequence = _lastSequence + 1;
        if (_sink is not null)
        {
            Emit(LedgerEvent.Reserved(sequence, id, legs));
        }

        ReserveOnDebtors(legs, accounts);
        held = new SlottedReservation(id, true, new PendingReservation(legs, accounts));
        _slottedPending++;
        _pendingCount++;
        _lastSequence = sequence;
        return ReservationResult.Reserved;
    }

    /// <summary>Commits the payment reservation held at <paramref name="slot"/>, or, if it is not there (a ledger rebuilt by replay holds it by id), the one with <paramref name="id"/>.</summary>
    internal ReservationOutcome CommitAt(int slot, ReservationId id) =>
        HoldsAt(slot, id) ? CommitSlot(slot, id) : Commit(id);

    /// <summary>Releases the payment reservation held at <paramref name="slot"/>, or, if it is not there, the one with <paramref name="id"/>.</summary>
    internal ReservationOutcome ReleaseAt(int slot, ReservationId id) =>
        HoldsAt(slot, id) ? ReleaseSlot(slot, id) : Release(id);

    /// <summary>
    /// Closes settlement cycle <paramref name="cycleNumber"/> at <paramref name="at"/> and opens the next. The report's
    /// instructions settle the cycle's nets: net debit cap positions restart at zero, prefunded balances stay (their funds
    /// moved on commit); pending reservations carry over.
    /// </summary>
    /// <param name="cycleNumber">The cycle to close; closing an already closed, retained cycle returns its report unchanged.</param>
    /// <param name="at">The closing time, not before the cycle opened.</param>
    /// <param name="ipsForCurrency">Which IPS settles each currency; called once per currency with committed legs.</param>
    /// <returns>The report; <c>null</c> if <paramref name="cycleNumber"/> is neither open nor a retained closed cycle.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is before the cycle opened.</exception>
    public SettlementReport? Close(long cycleNumber, DateTimeOffset at, Func<Currency, IpsId> ipsForCurrency)
    {
        ArgumentNullException.ThrowIfNull(ipsForCurrency);
        if (cycleNumber != _cycle.CycleNumber)
        {
            return GetReport(cycleNumber);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(at, _cycle.OpenedAt);
        var map = new Dictionary<Currency, IpsId>();
        for (var i = 0; i < _accounts.Count; i++)
        {
            var currency = _accounts[i].Currency;
            if (_cycle.Touched(i) && !map.ContainsKey(currency))
            {
                var ips = ipsForCurrency(currency);
                if (string.IsNullOrEmpty(ips.Value))
                {
                    throw new ArgumentException($"No IPS settles {currency}.", nameof(ipsForCurrency));
                }

                map.Add(currency, ips);
            }
        }

        var closed = LedgerEvent.CycleClosed(_lastSequence + 1, cycleNumber, at, map.ToFrozenDictionary());
        Emit(closed);
        var report = ApplyCycleClosed(closed);
        _lastSequence = closed.Sequence;
        return report;
    }

    /// <summary>Closes a cycle with a fixed currency→IPS map; see <see cref="Close(long, DateTimeOffset, Func{Currency, IpsId})"/>.</summary>
    /// <exception cref="ArgumentException">A currency with committed legs has no IPS in the map.</exception>
    public SettlementReport? Close(long cycleNumber, DateTimeOffset at, IReadOnlyDictionary<Currency, IpsId> ipsByCurrency)
    {
        ArgumentNullException.ThrowIfNull(ipsByCurrency);
        return Close(cycleNumber, at, currency => ipsByCurrency.TryGetValue(currency, out var ips) ? ips : default);
    }

    /// <summary>The report of a retained closed cycle, or <c>null</c>.</summary>
    public SettlementReport? GetReport(long cycleNumber) => _reports.GetValueOrDefault(cycleNumber);

    /// <summary>
    /// Applies one journaled event. Events already applied (sequence at or below <see cref="LastSequence"/>) are skipped,
    /// so a redelivered journal message changes nothing; a gap is a fault in the journal and fails fast.
    /// </summary>
    /// <returns>Whether the event was applied.</returns>
    public bool Apply(in LedgerEvent ledgerEvent)
    {
        if (ledgerEvent.Sequence <= _lastSequence)
        {
            return false;
        }

        LedgerInvariant.Assert(ledgerEvent.Sequence == _lastSequence + 1, "Ledger events are applied in sequence without gaps.");
        switch (ledgerEvent.Kind)
        {
            case LedgerEventKind.LimitConfigured:
                ApplyLimitConfigured(ledgerEvent);
                break;
            case LedgerEventKind.Reserved:
            {
                LedgerInvariant.Assert(!_reservations.ContainsKey(ledgerEvent.Reservation), "A reserved id is neither pending nor remembered as completed.");
                LedgerInvariant.Assert(ledgerEvent.LegCount is > 0 and <= MaxLegsPerReservation, "A reservation has 1 to 8 legs.");
                var buffer = default(LegBuffer);
                Span<TransferLeg> legs = buffer;
                Span<int> accounts = stackalloc int[2 * MaxLegsPerReservation];
                for (var i = 0; i < ledgerEvent.LegCount; i++)
                {
                    var leg = ledgerEvent.GetLeg(i);
                    legs[i] = leg;
                    LedgerInvariant.Assert(_accounts.TryFind(leg.Debtor, leg.Amount.Currency, out accounts[2 * i]), "A reserved debtor has a position.");
                    LedgerInvariant.Assert(_accounts.TryFind(leg.Creditor, leg.Amount.Currency, out accounts[(2 * i) + 1]), "A reserved creditor has a position.");
                }

                ApplyReserved(ledgerEvent.Reservation, legs[..ledgerEvent.LegCount], accounts);
                break;
            }

            case LedgerEventKind.Committed:
                LedgerInvariant.Assert(ledgerEvent.CycleNumber == _cycle.CycleNumber, "A commit is recorded in the open cycle.");
                ApplyCommitted(ledgerEvent.Reservation);
                break;
            case LedgerEventKind.Released:
                ApplyReleased(ledgerEvent.Reservation);
                break;
            case LedgerEventKind.CycleClosed:
                LedgerInvariant.Assert(ledgerEvent.CycleNumber == _cycle.CycleNumber, "The open cycle is the one that closes.");
                ApplyCycleClosed(ledgerEvent);
                break;
            default:
                LedgerInvariant.Fail($"Unknown ledger event kind {ledgerEvent.Kind}.");
                break;
        }

        _lastSequence = ledgerEvent.Sequence;
        return true;
    }

    /// <summary>Applies journaled events in order; see <see cref="Apply"/>. On a new ledger this rebuilds the original's state.</summary>
    public void Replay(IEnumerable<LedgerEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var ledgerEvent in events)
        {
            Apply(ledgerEvent);
        }
    }

    /// <summary>A deterministic description of the whole state, for comparing a replayed ledger with the original.</summary>
    internal string DescribeState()
    {
        var lines = new List<string> { $"sequence {_lastSequence}" };
        var accounts = new List<string>();
        for (var i = 0; i < _accounts.Count; i++)
        {
            ref var a = ref _accounts[i];
            accounts.Add($"position {a.Participant} {a.Currency} {a.Kind} limit {a.LimitMinor} net {a.NetMinor} reserved {a.ReservedMinor}");
        }

        accounts.Sort(StringComparer.Ordinal);
        lines.AddRange(accounts);
        var pending = new List<string>();
        var completed = new List<string>();
        foreach (var (id, entry) in _reservations)
        {
            if (entry.State != ReservationState.Pending)
            {
                completed.Add($"completed {id} {(entry.State == ReservationState.Committed ? "committed" : "released")}");
                continue;
            }

            var reservation = entry.Pending;
            var legs = new List<string>();
            for (var i = 0; i < reservation.LegCount; i++)
            {
                legs.Add(reservation.GetLeg(i, _accounts).ToString());
            }

            pending.Add($"pending {id} {string.Join(", ", legs)}");
        }

        for (var slot = 0; slot < _slotted.Length && _slottedPending > 0; slot++)
        {
            ref var held = ref _slotted[slot];
            if (held.IsPending)
            {
                var legs = new List<string>();
                for (var i = 0; i < held.Pending.LegCount; i++)
                {
                    legs.Add(held.Pending.GetLeg(i, _accounts).ToString());
                }

                pending.Add($"pending {held.Id} {string.Join(", ", legs)}");
            }
        }

        pending.Sort(StringComparer.Ordinal);
        lines.AddRange(pending);
        completed.Sort(StringComparer.Ordinal);
        lines.AddRange(completed);
        lines.AddRange(_cycle.Describe());
        foreach (var number in _reportOrder)
        {
            var report = _reports[number];
            lines.Add($"report {number} {report.OpenedAt:O}..{report.ClosedAt:O} legs {report.CommittedLegCount}");
            foreach (var entry in report.Currencies)
            {
                lines.Add($"  {entry.Currency} {entry.Ips} nets [{string.Join(", ", entry.Nets)}] gross [{string.Join(", ", entry.Bilateral)}] instructions [{string.Join(", ", entry.Instructions)}]");
            }
        }

        return string.Join('\n', lines);
    }

    private Rejection? Check(ReadOnlySpan<TransferLeg> legs, int i, Span<int> accounts)
    {
        var leg = legs[i];
        var amount = leg.Amount.AmountMinor;
        if (amount == 0)
        {
            return LegRejection(StatusReasonCode.AM01, i, leg.Debtor, leg.Amount.Currency, "the amount is zero");
        }

        if (amount < 0 || amount > Money.MaxAmountMinor)
        {
            return LegRejection(StatusReasonCode.AM09, i, leg.Debtor, leg.Amount.Currency, $"the amount {amount} minor units is negative or too large");
        }

        if (leg.Debtor == leg.Creditor)
        {
            return LegRejection(StatusReasonCode.AG01, i, leg.Debtor, leg.Amount.Currency, "the debtor and the creditor are the same participant");
        }

        int debtor;
        int creditor;
        ref var memo = ref _legAccounts[Math.Min(i, _legAccounts.Length - 1)];
        if (memo.Matches(leg))
        {
            (debtor, creditor) = (memo.DebtorIndex, memo.CreditorIndex);
        }
        else
        {
            if (!_accounts.TryFind(leg.Debtor, leg.Amount.Currency, out debtor))
            {
                return LegRejection(StatusReasonCode.AG01, i, leg.Debtor, leg.Amount.Currency, "the debtor has no position in this currency");
            }

            if (!_accounts.TryFind(leg.Creditor, leg.Amount.Currency, out creditor))
            {
                return LegRejection(StatusReasonCode.AG01, i, leg.Creditor, leg.Amount.Currency, "the creditor has no position in this currency");
            }

            memo = new LegAccounts(leg.Debtor.Value, leg.Creditor.Value, leg.Amount.Currency.Code, debtor, creditor);
        }

        accounts[2 * i] = debtor;
        accounts[(2 * i) + 1] = creditor;

        // Earlier legs of the same reservation debiting the same position count too, so all legs fit together or none is taken.
        Int128 required = amount;
        for (var j = 0; j < i; j++)
        {
            if (accounts[2 * j] == debtor)
            {
                required += legs[j].Amount.AmountMinor;
            }
        }

        ref var account = ref _accounts[debtor];
        var available = account.AvailableMinor;
        if (required <= available)
        {
            return null;
        }

        return account.Kind == LiquidityLimitKind.Prefunded
            ? LegRejection(StatusReasonCode.AM04, i, leg.Debtor, leg.Amount.Currency, $"insufficient prefunded funds: needs {required}, available {available} minor units")
            : LegRejection(StatusReasonCode.AM23, i, leg.Debtor, leg.Amount.Currency, $"exceeds the net debit cap of {account.LimitMinor}: needs {required}, available {available} minor units");
    }

    private static Rejection LegRejection(StatusReasonCode reason, int index, Bic participant, Currency currency, string detail) =>
        new(reason, string.Create(CultureInfo.InvariantCulture, $"legs[{index}] {participant} {currency}"), detail);

    private bool IsPending(ReservationId id)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_reservations, id);
        return !Unsafe.IsNullRef(ref entry) && entry.State == ReservationState.Pending;
    }

    private ReservationOutcome Completed(ReservationId id)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_reservations, id);
        if (Unsafe.IsNullRef(ref entry))
        {
            return ReservationOutcome.Unknown;
        }

        LedgerInvariant.Assert(entry.State != ReservationState.Pending, "Only a completed reservation answers as completed.");
        return entry.State == ReservationState.Committed ? ReservationOutcome.AlreadyCommitted : ReservationOutcome.AlreadyReleased;
    }

    private void Emit(in LedgerEvent ledgerEvent) => _sink?.Append(in ledgerEvent);

    private void ApplyLimitConfigured(in LedgerEvent configured)
    {
        if (!_accounts.TryFind(configured.Participant, configured.Currency, out var index))
        {
            index = _accounts.Add(configured.Participant, configured.Currency);
            _cycle.EnsureAccountCapacity(_accounts.Count);
        }

        ref var account = ref _accounts[index];
        LedgerInvariant.Assert(account.Kind == default || account.Kind == configured.LimitKind, "A position's kind never changes.");
        account.Kind = configured.LimitKind;
        account.LimitMinor = configured.LimitMinor;
    }

    private void ApplyReserved(ReservationId id, ReadOnlySpan<TransferLeg> legs, ReadOnlySpan<int> accounts)
    {
        ReserveOnDebtors(legs, accounts);
        _reservations.Add(id, new ReservationEntry(ReservationState.Pending, new PendingReservation(legs, accounts)));
        _pendingCount++;
    }

    private void ReserveOnDebtors(ReadOnlySpan<TransferLeg> legs, ReadOnlySpan<int> accounts)
    {
        for (var i = 0; i < legs.Length; i++)
        {
            ref var debtor = ref _accounts[accounts[2 * i]];
            debtor.ReservedMinor = checked(debtor.ReservedMinor + legs[i].Amount.AmountMinor);
        }
    }

    private void ApplyCommitted(ReservationId id)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_reservations, id);
        LedgerInvariant.Assert(!Unsafe.IsNullRef(ref entry) && entry.State == ReservationState.Pending, "A committed reservation was pending.");
        var pending = entry.Pending;
        Complete(ref entry, ReservationState.Committed);
        MoveCommitted(pending);
        Remember(id);
    }

    private void MoveCommitted(in PendingReservation pending)
    {
        for (var i = 0; i < pending.LegCount; i++)
        {
            var amount = pending.GetAmount(i);
            var (debtorIndex, creditorIndex) = pending.GetAccounts(i);
            ref var debtor = ref _accounts[debtorIndex];
            debtor.ReservedMinor -= amount;
            debtor.NetMinor = checked(debtor.NetMinor - amount);
            ref var creditor = ref _accounts[creditorIndex];
            creditor.NetMinor = checked(creditor.NetMinor + amount);
            LedgerInvariant.Assert(debtor.ReservedMinor >= 0, "Reserved amounts never go negative.");
            _cycle.Record(debtorIndex, creditorIndex, amount);
        }
    }

    private void ApplyReleased(ReservationId id)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_reservations, id);
        LedgerInvariant.Assert(!Unsafe.IsNullRef(ref entry) && entry.State == ReservationState.Pending, "A released reservation was pending.");
        var pending = entry.Pending;
        Complete(ref entry, ReservationState.Released);
        FreeReserved(pending);
        Remember(id);
    }

    private void FreeReserved(in PendingReservation pending)
    {
        for (var i = 0; i < pending.LegCount; i++)
        {
            ref var debtor = ref _accounts[pending.GetAccounts(i).Debtor];
            debtor.ReservedMinor -= pending.GetAmount(i);
            LedgerInvariant.Assert(debtor.ReservedMinor >= 0, "Reserved amounts never go negative.");
        }
    }

    private bool HoldsAt(int slot, ReservationId id) =>
        (uint)slot < (uint)_slotted.Length && _slotted[slot].IsPending && _slotted[slot].Id == id;

    // Id-keyed callers of a ledger the engine also uses (diagnostics, tests) find a slot-held payment reservation by a
    // scan: O(pending), and never on the engine's own paths, which know the slot.
    private int FindSlot(ReservationId id)
    {
        if (_slottedPending == 0 || id.Purpose != ReservationPurpose.Payment)
        {
            return -1;
        }

        for (var slot = 0; slot < _slotted.Length; slot++)
        {
            if (_slotted[slot].IsPending && _slotted[slot].Id == id)
            {
                return slot;
            }
        }

        return -1;
    }

    private ReservationOutcome CommitSlot(int slot, ReservationId id)
    {
        var committed = LedgerEvent.Committed(_lastSequence + 1, id, _cycle.CycleNumber);
        Emit(committed);
        MoveCommitted(_slotted[slot].Pending);
        CompleteSlot(slot, id, ReservationState.Committed);
        _lastSequence = committed.Sequence;
        return ReservationOutcome.Committed;
    }

    private ReservationOutcome ReleaseSlot(int slot, ReservationId id)
    {
        var released = LedgerEvent.Released(_lastSequence + 1, id);
        Emit(released);
        FreeReserved(_slotted[slot].Pending);
        CompleteSlot(slot, id, ReservationState.Released);
        _lastSequence = released.Sequence;
        return ReservationOutcome.Released;
    }

    // A completed slot-held reservation is remembered in the id-keyed table, as any other, when retention is on.
    private void CompleteSlot(int slot, ReservationId id, ReservationState state)
    {
        _slotted[slot] = default;
        _slottedPending--;
        _pendingCount--;
        if (_completedRing.Length > 0)
        {
            _reservations.Add(id, new ReservationEntry(state, default));
            Remember(id);
        }
    }

    private SettlementReport ApplyCycleClosed(in LedgerEvent closed)
    {
        var report = _cycle.BuildReport(closed.At, closed.IpsByCurrency ?? FrozenDictionary<Currency, IpsId>.Empty);

        // Closing settles the cycle. A net debit cap position's obligation is discharged by the instructions, so its net
        // restarts at zero; because unsettled credits never counted towards its headroom, this never lowers what is available.
        // A prefunded position's funds already moved on commit, so it keeps its balance.
        for (var i = 0; i < _accounts.Count; i++)
        {
            ref var account = ref _accounts[i];
            if (account.Kind == LiquidityLimitKind.NetDebitCap)
            {
                account.NetMinor -= _cycle.NetAt(i);
                LedgerInvariant.Assert(account.NetMinor == 0, "A net debit cap position's net is the open cycle's net.");
            }
        }

        _reports[report.CycleNumber] = report;
        _reportOrder.Enqueue(report.CycleNumber);
        while (_reportOrder.Count > _options.ClosedReportsRetained)
        {
            _reports.Remove(_reportOrder.Dequeue());
        }

        _cycle.Reopen(closed.CycleNumber + 1, closed.At);
        return report;
    }

    /// <summary>Marks a pending entry completed in place; its legs are dropped (only the outcome is remembered).</summary>
    private void Complete(ref ReservationEntry entry, ReservationState state)
    {
        entry = new ReservationEntry(state, default);
        _pendingCount--;
    }

    /// <summary>Remembers a completed id in a bounded FIFO: the oldest is forgotten when the ring is full.</summary>
    private void Remember(ReservationId id)
    {
        if (_completedRing.Length == 0)
        {
            // Retention off: the caller guarantees exactly-once completion (the hub engine's payment book does), so the
            // entry goes now, while it is still in cache, instead of as a cold eviction later.
            _reservations.Remove(id);
            return;
        }

        if (_completedCount == _completedRing.Length)
        {
            var forgotten = _completedRing[_completedHead];
            var removed = _reservations.Remove(forgotten, out var entry);
            LedgerInvariant.Assert(removed && entry.State != ReservationState.Pending, "The completed ring and the table agree.");
            _completedCount--;
        }

        _completedCount++;
        _completedRing[_completedHead] = id;
        _completedHead = (_completedHead + 1) % _completedRing.Length;
    }

    /// <summary>Stack room for the legs of one reservation; <c>stackalloc</c> cannot hold a struct with references.</summary>
    [InlineArray(MaxLegsPerReservation)]
    private struct LegBuffer
    {
        private TransferLeg _first;
    }

    /// <summary>A leg's participants and currency (compared by reference: equal references are equal values) and the accounts they resolved to.</summary>
    private readonly record struct LegAccounts(string? Debtor, string? Creditor, string? Currency, int DebtorIndex, int CreditorIndex)
    {
        public bool Matches(in TransferLeg leg) =>
            Debtor is not null
            && ReferenceEquals(Debtor, leg.Debtor.Value)
            && ReferenceEquals(Creditor, leg.Creditor.Value)
            && ReferenceEquals(Currency, leg.Amount.Currency.Code);
    }

    /// <summary>A payment reservation held at an engine slot: its id (for the journal and id-keyed lookups) and, while pending, its legs.</summary>
    private readonly record struct SlottedReservation(ReservationId Id, bool IsPending, PendingReservation Pending);

    /// <summary>A reservation's entry: pending with its legs, or completed (committed or released) with no legs.</summary>
    private readonly record struct ReservationEntry(ReservationState State, PendingReservation Pending);

    /// <summary>
    /// A pending reservation: per leg the debtor and creditor account indices and the amount, the first two legs inline.
    /// It holds no object references on purpose: the reservation table is the ledger's largest structure, and an entry
    /// without references is a third of the size and is written without GC write barriers. A leg's BICs and currency
    /// are its accounts' own (see <see cref="GetLeg"/>).
    /// </summary>
    private readonly struct PendingReservation
    {
        private readonly long _amount0;
        private readonly long _amount1;
        private readonly int _debtor0;
        private readonly int _creditor0;
        private readonly int _debtor1;
        private readonly int _creditor1;
        private readonly (int Debtor, int Creditor, long Amount)[]? _moreLegs;

        public PendingReservation(ReadOnlySpan<TransferLeg> legs, ReadOnlySpan<int> accounts)
        {
            LegCount = legs.Length;
            _amount0 = legs[0].Amount.AmountMinor;
            _debtor0 = accounts[0];
            _creditor0 = accounts[1];
            if (legs.Length > 1)
            {
                _amount1 = legs[1].Amount.AmountMinor;
                _debtor1 = accounts[2];
                _creditor1 = accounts[3];
            }

            if (legs.Length > 2)
            {
                _moreLegs = new (int, int, long)[legs.Length - 2];
                for (var i = 2; i < legs.Length; i++)
                {
                    _moreLegs[i - 2] = (accounts[2 * i], accounts[(2 * i) + 1], legs[i].Amount.AmountMinor);
                }
            }
        }

        public int LegCount { get; }

        public long GetAmount(int index) => index switch
        {
            0 => _amount0,
            1 => _amount1,
            _ => _moreLegs![index - 2].Amount,
        };

        public (int Debtor, int Creditor) GetAccounts(int index) => index switch
        {
            0 => (_debtor0, _creditor0),
            1 => (_debtor1, _creditor1),
            _ => (_moreLegs![index - 2].Debtor, _moreLegs[index - 2].Creditor),
        };

        /// <summary>Rebuilds leg <paramref name="index"/> from the accounts it moves between.</summary>
        public TransferLeg GetLeg(int index, AccountBook accounts)
        {
            var (debtorIndex, creditorIndex) = GetAccounts(index);
            ref var debtor = ref accounts[debtorIndex];
            return new TransferLeg(debtor.Participant, accounts[creditorIndex].Participant, new Money(GetAmount(index), debtor.Currency));
        }

        public bool SameLegs(ReadOnlySpan<TransferLeg> legs, AccountBook accounts)
        {
            if (legs.Length != LegCount)
            {
                return false;
            }

            for (var i = 0; i < legs.Length; i++)
            {
                if (legs[i] != GetLeg(i, accounts))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>Where a reservation stands.</summary>
public enum ReservationState
{
    /// <summary>Never seen, or completed so long ago that it was forgotten.</summary>
    Unknown = 0,

    /// <summary>Reserved, awaiting commit or release.</summary>
    Pending = 1,

    /// <summary>Committed.</summary>
    Committed = 2,

    /// <summary>Released.</summary>
    Released = 3,
}
