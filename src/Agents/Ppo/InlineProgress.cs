namespace Rims.Agents.Ppo;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler at once, on the reporting (training) thread. The BCL's
/// <see cref="Progress{T}"/> instead posts each report to the thread pool in a console program, so reports can arrive
/// late and out of order and a handler cannot stop the run at an exact iteration; use this when either matters.
/// </summary>
/// <typeparam name="T">What is reported (<see cref="IterationProgress"/> for a training run).</typeparam>
/// <param name="handler">Called with every report, synchronously; an exception it throws ends the run as an error.</param>
public sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => handler(value);
}
