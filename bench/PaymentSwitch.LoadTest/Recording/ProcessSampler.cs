using System.Diagnostics;

namespace PaymentSwitch.LoadTest.Recording;

/// <summary>
/// What this process cost over a run: a snapshot at <see cref="Start"/> and one at <see cref="Stop"/>, differenced.
/// CPU time (user + system), CPU utilisation as a share of all cores, peak working set, managed heap, GC counts
/// per generation and bytes allocated.
/// </summary>
/// <remarks>
/// Elapsed time comes from the injected <see cref="TimeProvider"/>'s timestamps. The peak working set is the
/// operating system's peak for the process's lifetime (VmHWM on Linux), which includes anything before the run;
/// call <see cref="Sample"/> now and then to also track the peak of the current working set within the run.
/// </remarks>
public sealed class ProcessSampler
{
    private readonly TimeProvider _timeProvider;
    private long _startTimestamp;
    private TimeSpan _startCpu;
    private long _startAllocated;
    private int _startGen0;
    private int _startGen1;
    private int _startGen2;
    private long _peakWorkingSet;
    private bool _started;

    /// <summary>A sampler timed by <paramref name="timeProvider"/> (<see cref="TimeProvider.System"/> when null).</summary>
    public ProcessSampler(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Takes the start snapshot.</summary>
    public void Start()
    {
        using var process = Process.GetCurrentProcess();
        _startCpu = process.TotalProcessorTime;
        _peakWorkingSet = process.WorkingSet64;
        _startAllocated = GC.GetTotalAllocatedBytes(precise: false);
        _startGen0 = GC.CollectionCount(0);
        _startGen1 = GC.CollectionCount(1);
        _startGen2 = GC.CollectionCount(2);
        _startTimestamp = _timeProvider.GetTimestamp();
        _started = true;
    }

    /// <summary>Notes the current working set towards the in-run peak.</summary>
    public void Sample()
    {
        using var process = Process.GetCurrentProcess();
        var workingSet = process.WorkingSet64;
        long seen;
        while (workingSet > (seen = Interlocked.Read(ref _peakWorkingSet)) &&
               Interlocked.CompareExchange(ref _peakWorkingSet, workingSet, seen) != seen)
        {
        }
    }

    /// <summary>Takes the stop snapshot and returns the difference from the start.</summary>
    public ProcessStats Stop()
    {
        if (!_started)
        {
            throw new InvalidOperationException("Start the sampler before stopping it.");
        }

        Sample();
        using var process = Process.GetCurrentProcess();
        var elapsed = _timeProvider.GetElapsedTime(_startTimestamp);
        var cpu = process.TotalProcessorTime - _startCpu;
        var cores = Environment.ProcessorCount;
        var utilisation = elapsed > TimeSpan.Zero ? cpu.TotalSeconds / (elapsed.TotalSeconds * cores) * 100 : 0;
        return new ProcessStats(
            elapsed.TotalSeconds,
            cpu.TotalSeconds,
            utilisation,
            cores,
            Math.Max(process.PeakWorkingSet64, Interlocked.Read(ref _peakWorkingSet)),
            GC.GetTotalMemory(forceFullCollection: false),
            GC.CollectionCount(0) - _startGen0,
            GC.CollectionCount(1) - _startGen1,
            GC.CollectionCount(2) - _startGen2,
            GC.GetTotalAllocatedBytes(precise: false) - _startAllocated);
    }
}

/// <summary>What the process cost over a run.</summary>
/// <param name="ElapsedSeconds">Wall time between start and stop.</param>
/// <param name="CpuSeconds">CPU time used, user plus system, all threads.</param>
/// <param name="CpuUtilisationPercent">CPU time over wall time times cores: 100 means every core was busy.</param>
/// <param name="ProcessorCount">Cores the utilisation is relative to.</param>
/// <param name="PeakWorkingSetBytes">The peak working set (see <see cref="ProcessSampler"/>).</param>
/// <param name="ManagedHeapBytes">The managed heap at stop.</param>
/// <param name="Gen0Collections">Generation 0 collections during the run.</param>
/// <param name="Gen1Collections">Generation 1 collections during the run.</param>
/// <param name="Gen2Collections">Generation 2 collections during the run.</param>
/// <param name="AllocatedBytes">Bytes allocated during the run, all threads.</param>
public sealed record ProcessStats(
    double ElapsedSeconds,
    double CpuSeconds,
    double CpuUtilisationPercent,
    int ProcessorCount,
    long PeakWorkingSetBytes,
    long ManagedHeapBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    long AllocatedBytes);
