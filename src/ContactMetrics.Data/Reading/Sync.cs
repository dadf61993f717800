namespace ContactMetrics.Data.Reading;

/// <summary>
/// Runs Parquet.Net's asynchronous calls from the synchronous, streaming API of this library. The
/// caller's synchronization context is removed during the call so that continuations do not queue
/// behind the blocked thread (a UI thread, say) and deadlock.
/// </summary>
internal static class Sync
{
    public static void Run(Func<Task> action)
    {
        var context = SynchronizationContext.Current;
        try
        {
            SynchronizationContext.SetSynchronizationContext(null);
            action().GetAwaiter().GetResult();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    public static T Run<T>(Func<Task<T>> action)
    {
        var context = SynchronizationContext.Current;
        try
        {
            SynchronizationContext.SetSynchronizationContext(null);
            return action().GetAwaiter().GetResult();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }
}
