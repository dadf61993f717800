namespace ContactMetrics.Attribution;

/// <summary>The step a <see cref="MarkovAttribution"/> fit is in.</summary>
public enum MarkovFitStep
{
    /// <summary>Counting the transitions of the paths into the chain; progress counts paths.</summary>
    BuildingChain = 0,

    /// <summary>Solving the absorption probabilities: the full chain, then one solve per removed channel; progress counts solves.</summary>
    SolvingRemovalEffects = 1,
}

/// <summary>How far a <see cref="MarkovAttribution"/> fit has come, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Step">The step.</param>
/// <param name="Completed">Units of the step done: paths counted, or absorption solves finished.</param>
/// <param name="Total">Units of the step in all: paths of the summary, or channels + 1 solves.</param>
/// <param name="States">The transient states of the chain so far (at most <see cref="MarkovAttribution.MaxStates"/>).</param>
public readonly record struct MarkovFitProgress(MarkovFitStep Step, int Completed, int Total, int States);
