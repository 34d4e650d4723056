using System.Diagnostics;
using System.Diagnostics.Metrics;
using PaymentSwitch.Hub.Ledger;
using PaymentSwitch.Services.Telemetry;

namespace PaymentSwitch.Services.Hub;

// Gauges of the ledger: pending reservations and every position. They are read by the metrics exporter on its own
// thread, but the ledger has one writer, so the hub copies what they show under its gate (after each message, and only
// while somebody listens) and the gauges read the copy.
public sealed partial class HubService
{
    private readonly Meter _meter = new(SwitchTelemetry.Name, "1.0.0");
    private ObservableGauge<long>? _pendingGauge;
    private ObservableGauge<long>? _positionGauge;
    private long _pendingReservations;
    private Measurement<long>[] _positions = [];

    private void CreateLedgerGauges()
    {
        _pendingGauge = _meter.CreateObservableGauge(
            "paymentswitch.hub.reservations.pending",
            () => Volatile.Read(ref _pendingReservations),
            unit: "{reservation}",
            description: "Liquidity reservations of payments forwarded and not yet answered");
        _positionGauge = _meter.CreateObservableGauge(
            "paymentswitch.hub.position.balance",
            () => Volatile.Read(ref _positions),
            unit: "{minor unit}",
            description: "Each participant's position per currency in minor units: prefunded balance, or net for a net debit cap");
    }

    // Called under the gate. Costs two flag reads when nobody listens.
    private void UpdateLedgerGauges()
    {
        if (_pendingGauge is { Enabled: true })
        {
            Volatile.Write(ref _pendingReservations, _ledger.PendingCount);
        }

        if (_positionGauge is { Enabled: true })
        {
            var positions = _ledger.Positions;
            var measurements = new Measurement<long>[positions.Count];
            for (var i = 0; i < positions.Count; i++)
            {
                var position = positions[i];
                measurements[i] = new Measurement<long>(
                    position.BalanceMinor,
                    new TagList { { "participant", position.Participant.Value }, { "currency", position.Currency.Code }, { "kind", position.Kind.ToString() } });
            }

            Volatile.Write(ref _positions, measurements);
        }
    }
}
