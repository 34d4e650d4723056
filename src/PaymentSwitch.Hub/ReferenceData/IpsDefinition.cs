using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Hub.ReferenceData;

/// <summary>
/// A national instant payment system (IPS) connected to the hub: its currency, per-transaction cap, the ISO 20022
/// message versions it speaks, when it is open, which priorities it supports and which proxy types its directory resolves.
/// </summary>
/// <param name="Id">The hub's identifier, for example <c>SG-FAST</c>.</param>
/// <param name="Name">A display name, for example <c>FAST (PayNow)</c>.</param>
/// <param name="Country">The country the IPS serves.</param>
/// <param name="Currency">The only currency the IPS settles; each IPS settles only its own currency.</param>
/// <param name="PerTransactionCap">The largest single payment the IPS accepts, in <paramref name="Currency"/>.</param>
/// <param name="SupportedVersions">The message versions the IPS speaks, for example pacs.008.001.13 (Nexus) or .08 (CBPR+).</param>
/// <param name="OperatingHours">When the IPS accepts payments, or <c>null</c> for 24x7.</param>
/// <param name="SupportsHighPriority">Whether the IPS accepts HIGH priority (hub-timed) payments.</param>
/// <param name="SupportsNormalPriority">Whether the IPS accepts NORM priority (destination-timed) payments.</param>
/// <param name="ProxyTypes">Proxy type codes its directory resolves, for example <c>MBNO</c>, <c>NIDN</c>, <c>UEN</c>, <c>EMAL</c>.</param>
/// <param name="Note">Where the figures come from (for example "cap set by banks; THB 2,000,000 chosen as typical").</param>
public sealed record IpsDefinition(
    IpsId Id,
    string Name,
    CountryCode Country,
    Currency Currency,
    Money PerTransactionCap,
    ValueList<MessageVersion> SupportedVersions,
    OperatingHours? OperatingHours,
    bool SupportsHighPriority,
    bool SupportsNormalPriority,
    ValueList<string> ProxyTypes,
    string? Note = null)
{
    /// <summary>Whether the IPS accepts payments at <paramref name="instant"/>; always true without operating hours (24x7).</summary>
    public bool IsOpen(DateTimeOffset instant) => OperatingHours is null || OperatingHours.IsOpen(instant);

    /// <summary>Whether the IPS speaks <paramref name="version"/>; a loop over a handful of entries, no allocation.</summary>
    public bool Supports(MessageVersion version) => SupportedVersions.AsSpan().Contains(version);

    /// <summary>Whether the IPS's proxy directory resolves proxies of type <paramref name="proxyType"/> (ordinal match).</summary>
    public bool SupportsProxyType(ReadOnlySpan<char> proxyType)
    {
        foreach (var code in ProxyTypes.AsSpan())
        {
            if (proxyType.SequenceEqual(code))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// The daily window in which an IPS accepts payments, in the IPS's local time zone. A window whose close is earlier than
/// its open runs overnight (for example 20:00 to 06:00); open equal to close means the whole day.
/// </summary>
public sealed class OperatingHours
{
    private readonly DayOfWeek[] _days;

    /// <summary>Creates a window.</summary>
    /// <param name="timeZone">The IPS's time zone (an IANA id such as <c>Asia/Bangkok</c>, resolved at load).</param>
    /// <param name="open">Local opening time, inclusive.</param>
    /// <param name="close">Local closing time, exclusive.</param>
    /// <param name="days">Local days on which the window applies (the day the window opens); empty or <c>null</c> means every day.</param>
    public OperatingHours(TimeZoneInfo timeZone, TimeOnly open, TimeOnly close, IEnumerable<DayOfWeek>? days = null)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        TimeZone = timeZone;
        Open = open;
        Close = close;
        _days = days?.Distinct().Order().ToArray() ?? [];
    }

    /// <summary>The IPS's time zone.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The time zone id as configured, for example <c>Asia/Bangkok</c>.</summary>
    public string TimeZoneId => TimeZone.Id;

    /// <summary>Local opening time, inclusive.</summary>
    public TimeOnly Open { get; }

    /// <summary>Local closing time, exclusive.</summary>
    public TimeOnly Close { get; }

    /// <summary>The local days on which the window opens; empty means every day.</summary>
    public IReadOnlyList<DayOfWeek> Days => _days;

    /// <summary>Whether <paramref name="instant"/> falls inside the window, evaluated in the IPS's local time.</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone);
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        if (Open == Close)
        {
            return IsListedDay(local.DayOfWeek);
        }

        if (Open < Close)
        {
            return time >= Open && time < Close && IsListedDay(local.DayOfWeek);
        }

        // An overnight window belongs to the day it opened: after midnight, the previous local day must be listed.
        return time >= Open
            ? IsListedDay(local.DayOfWeek)
            : time < Close && IsListedDay(local.AddDays(-1).DayOfWeek);
    }

    private bool IsListedDay(DayOfWeek day) => _days.Length == 0 || Array.IndexOf(_days, day) >= 0;
}
