using Polly;
using Polly.Retry;

namespace Pozytywka.StreamProcessor.Resilience;

/// <summary>
/// Polly's retry for work that must not be given up while the process runs (a delivery the broker has not
/// acknowledged, a store write): exponential backoff with jitter from <paramref name="firstDelay"/> up to
/// <paramref name="maxDelay"/>, without an attempt limit; only the caller's cancellation ends it.
/// </summary>
public static class RetryForever
{
    public static RetryStrategyOptions Options(PredicateBuilder<object> shouldHandle, TimeSpan firstDelay, TimeSpan maxDelay, Action<Exception, TimeSpan> onRetry) => new()
    {
        ShouldHandle = shouldHandle,
        MaxRetryAttempts = int.MaxValue,
        Delay = firstDelay,
        MaxDelay = maxDelay,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        OnRetry = args =>
        {
            onRetry(args.Outcome.Exception!, args.RetryDelay);
            return ValueTask.CompletedTask;
        },
    };
}
