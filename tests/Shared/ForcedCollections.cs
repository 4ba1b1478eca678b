namespace Pozytywka.Tests;

/// <summary>A background thread that forces full garbage collections and finalizer runs until disposed.</summary>
public sealed class ForcedCollections : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private int _collections;

    public ForcedCollections()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "forced-collections" };
        _thread.Start();
    }

    public int Collections => Volatile.Read(ref _collections);

    private void Run()
    {
        while (!_stop)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
            Interlocked.Increment(ref _collections);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
