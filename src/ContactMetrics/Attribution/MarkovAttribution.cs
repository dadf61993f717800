using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ContactMetrics.Attribution;

/// <summary>
/// Markov-chain attribution with removal effects (Anderl, Becker, von Wangenheim and Schumann 2016, "Mapping
/// the customer journey: lessons learned from graph-based online attribution modeling", IJRM 33(3); the
/// definitions of the R package ChannelAttribution). Order k: a state is the tuple of the last k channels
/// (shorter at the start of a path), plus start, conversion and null.
/// </summary>
/// <remarks>
/// <para>Transitions are the observed frequencies over all journeys of the summary (each journey walks start,
/// its states, then conversion or null). P(conversion) is the probability of absorption in conversion from
/// start. Removing channel c sends every transition into a state that contains c to null; its removal effect is
/// 1 - P(conversion without c) / P(conversion). Credits: removal effects normalised to sum to the total
/// conversions, and the same shares of the total value (the chain models conversion, not value).</para>
/// <para>Absorption probabilities are solved exactly from the linear system x = Qx + r of the absorbing chain,
/// not simulated: Gauss-Seidel over the sparse transitions, solving each state's self-loop in closed form, until
/// no probability moves by more than 1e-15 (the chain is absorbing, so the iteration is a contraction).
/// It throws when that takes more than <see cref="MaxSweeps"/> sweeps.</para>
/// <para>The chain is built in time linear in the transitions: states and (from, to) transition counts live in hash maps
/// whose 64-bit keys are mixed before hashing (the default hash of a <see cref="long"/>, the XOR of its halves, sends
/// consecutive (from, to) pairs of long unique paths to a handful of buckets), and the state limit is checked as each state
/// is created, so an oversized chain fails at once.</para>
/// </remarks>
public sealed class MarkovAttribution : IAttributionModel
{
    /// <summary>The largest order: 8.</summary>
    public const int MaxOrder = 8;

    /// <summary>The most transient states a chain may have: 2,000,000 (each removal solve is a pass over the transitions).</summary>
    public const int MaxStates = 2_000_000;

    /// <summary>The most Gauss-Seidel sweeps of one absorption solve: 100,000.</summary>
    public const int MaxSweeps = 100_000;

    private const int Start = 0;
    private const int Converted = 1;
    private const int Null = 2;
    private const int FirstTransient = 3;
    private const double Tolerance = 1e-15;
    private const int ProgressMask = 4095;

    /// <summary>Creates the model.</summary>
    /// <param name="order">The chain's order k, 1 to <see cref="MaxOrder"/>. Default 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is out of range.</exception>
    public MarkovAttribution(int order = 1)
    {
        Order = Preconditions.CheckInRange(order, 1, MaxOrder);
    }

    /// <summary>The order of the chain.</summary>
    public int Order { get; }

    /// <summary>
    /// Hash the chain's keys with the default <see cref="long"/> hash, as before the keys were mixed: quadratic on long unique
    /// paths. Kept only as the benchmark baseline.
    /// </summary>
    internal bool UnmixedKeyHash { get; init; }

    /// <summary>The most transient states; <see cref="MaxStates"/> except in tests of the limit.</summary>
    internal int StateLimit { get; init; } = MaxStates;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The chain would have more than <see cref="MaxStates"/> states.</exception>
    /// <exception cref="InvalidOperationException">An absorption solve needed more than <see cref="MaxSweeps"/> sweeps.</exception>
    public AttributionResult Attribute(PathSummary paths) => Fit(paths).Attribution;

    /// <summary>Fits the chain and computes removal effects and credits.</summary>
    /// <param name="paths">The path summary.</param>
    /// <returns>Credits, P(conversion), removal effects and the chain's size.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> is null.</exception>
    /// <exception cref="ArgumentException">The chain would have more than <see cref="MaxStates"/> states.</exception>
    /// <exception cref="InvalidOperationException">An absorption solve needed more than <see cref="MaxSweeps"/> sweeps.</exception>
    public MarkovAttributionResult Fit(PathSummary paths) => Fit(paths, null, CancellationToken.None);

    /// <summary>Fits the chain and computes removal effects and credits, reporting progress and observing cancellation.</summary>
    /// <param name="paths">The path summary.</param>
    /// <param name="progress">Receives the step, the units done and the chain's size as the fit goes on (every 4,096 paths while the
    /// chain is built, after each absorption solve); <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Checked every 4,096 paths and every Gauss-Seidel sweep.</param>
    /// <returns>Credits, P(conversion), removal effects and the chain's size.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> is null.</exception>
    /// <exception cref="ArgumentException">The chain would have more than <see cref="MaxStates"/> states (thrown when the state after the limit is created).</exception>
    /// <exception cref="InvalidOperationException">An absorption solve needed more than <see cref="MaxSweeps"/> sweeps.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public MarkovAttributionResult Fit(PathSummary paths, IProgress<MarkovFitProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var chain = Chain.Build(paths, Order, StateLimit, UnmixedKeyHash ? EqualityComparer<long>.Default : MixedKeyComparer.Instance, progress, cancellationToken);
        int channels = paths.Channels.Length;
        var values = new double[chain.StateCount];
        var removed = new bool[chain.StateCount];
        int sweeps = 0;
        double baseline = chain.Solve(values, removed, ref sweeps, cancellationToken);
        chain.Report(progress, MarkovFitStep.SolvingRemovalEffects, 1, channels + 1);
        var effects = new double[channels];
        if (baseline > 0)
        {
            for (int c = 0; c < channels; c++)
            {
                chain.MarkStatesWith(c, removed);
                effects[c] = 1 - chain.Solve(values, removed, ref sweeps, cancellationToken) / baseline;
                chain.Report(progress, MarkovFitStep.SolvingRemovalEffects, c + 2, channels + 1);
            }
        }
        double sum = effects.Sum();
        var conversions = new double[channels];
        var value = new double[channels];
        if (sum > 0)
        {
            for (int c = 0; c < channels; c++)
            {
                conversions[c] = effects[c] / sum * paths.TotalConversions;
                value[c] = effects[c] / sum * paths.TotalValueAmount;
            }
        }
        var attribution = AttributionResult.FromCredits(
            string.Create(CultureInfo.InvariantCulture, $"markov (order {Order}, removal effects)"),
            paths.Channels, conversions, value, paths.Currency);
        return new MarkovAttributionResult(attribution, baseline, ImmutableCollectionsMarshal.AsImmutableArray(effects), Order, chain.StateCount - FirstTransient, sweeps);
    }

    /// <summary>The absorbing chain in compressed sparse rows, with the channels of each state.</summary>
    private sealed class Chain
    {
        private int[] _rowStart = [];
        private int[] _target = [];
        private double[] _probability = [];
        private int[] _stateChannels = [];
        private int[] _stateChannelStart = [];

        public int StateCount { get; private set; }

        public void Report(IProgress<MarkovFitProgress>? progress, MarkovFitStep step, int completed, int total)
            => progress?.Report(new MarkovFitProgress(step, completed, total, StateCount - FirstTransient));

        public static Chain Build(PathSummary paths, int order, int stateLimit, IEqualityComparer<long> keys, IProgress<MarkovFitProgress>? progress, CancellationToken cancellationToken)
        {
            int channels = paths.Channels.Length;
            if (Math.Pow(channels + 1, order) >= long.MaxValue)
            {
                throw new ArgumentException($"A Markov chain of order {order} over {channels} channels has too many possible states to index; use a lower order.", nameof(paths));
            }
            var states = new Dictionary<long, int>(keys);
            var stateTuples = new List<int[]> { Array.Empty<int>(), Array.Empty<int>(), Array.Empty<int>() };
            var counts = new Dictionary<long, double>(keys);
            for (int p = 0; p < paths.Count; p++)
            {
                if ((p & ProgressMask) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new MarkovFitProgress(MarkovFitStep.BuildingChain, p, paths.Count, stateTuples.Count - FirstTransient));
                }
                double conversions = paths.Conversions[p], nulls = paths.Nulls[p];
                double journeys = conversions + nulls;
                if (journeys == 0)
                {
                    continue;
                }
                var path = paths.Path(p);
                int previous = Start;
                for (int i = 0; i < path.Length; i++)
                {
                    int from = Math.Max(0, i - order + 1);
                    long key = 0;
                    for (int j = from; j <= i; j++)
                    {
                        key = key * (channels + 1) + path[j] + 1;
                    }
                    if (!states.TryGetValue(key, out int state))
                    {
                        state = stateTuples.Count;
                        if (state - FirstTransient >= stateLimit)
                        {
                            throw new ArgumentException($"A Markov chain of order {order} over these paths has more than {stateLimit:N0} states (reached at path {p + 1:N0} of {paths.Count:N0}); use a lower order or fewer, shorter paths.", nameof(paths));
                        }
                        states.Add(key, state);
                        stateTuples.Add(path[from..(i + 1)].ToArray());
                    }
                    Count(counts, previous, state, journeys);
                    previous = state;
                }
                Count(counts, previous, Converted, conversions);
                Count(counts, previous, Null, nulls);
            }
            var chain = new Chain { StateCount = stateTuples.Count };
            chain.Report(progress, MarkovFitStep.BuildingChain, paths.Count, paths.Count);
            chain.Fill(counts, stateTuples);
            return chain;
        }

        private static void Count(Dictionary<long, double> counts, int from, int to, double weight)
        {
            if (weight > 0)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, ((long)from << 32) | (uint)to, out _) += weight;
            }
        }

        private void Fill(Dictionary<long, double> counts, List<int[]> stateTuples)
        {
            var entries = counts.OrderBy(e => e.Key).ToArray();
            _rowStart = new int[StateCount + 1];
            _target = new int[entries.Length];
            _probability = new double[entries.Length];
            var rowTotal = new double[StateCount];
            foreach (var e in entries)
            {
                _rowStart[(int)(e.Key >> 32) + 1]++;
                rowTotal[(int)(e.Key >> 32)] += e.Value;
            }
            for (int s = 0; s < StateCount; s++)
            {
                _rowStart[s + 1] += _rowStart[s];
            }
            for (int k = 0; k < entries.Length; k++)
            {
                int from = (int)(entries[k].Key >> 32);
                _target[k] = (int)(entries[k].Key & 0xFFFFFFFF);
                _probability[k] = entries[k].Value / rowTotal[from];
            }
            _stateChannelStart = new int[StateCount + 1];
            var channelsOfStates = new List<int>();
            for (int s = 0; s < StateCount; s++)
            {
                channelsOfStates.AddRange(stateTuples[s].Distinct());
                _stateChannelStart[s + 1] = channelsOfStates.Count;
            }
            _stateChannels = [.. channelsOfStates];
        }

        public void MarkStatesWith(int channel, bool[] removed)
        {
            for (int s = 0; s < StateCount; s++)
            {
                removed[s] = _stateChannels.AsSpan(_stateChannelStart[s], _stateChannelStart[s + 1] - _stateChannelStart[s]).Contains(channel);
            }
        }

        /// <summary>Absorption probability in conversion from start, removed states absorbing into null.</summary>
        public double Solve(double[] x, bool[] removed, ref int maxSweeps, CancellationToken cancellationToken)
        {
            Array.Clear(x);
            x[Converted] = 1;
            for (int sweep = 1; sweep <= MaxSweeps; sweep++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double change = 0;
                for (int s = StateCount - 1; s >= 0; s--)
                {
                    if (s is Converted or Null || removed[s])
                    {
                        continue;
                    }
                    double sum = 0, self = 0;
                    for (int k = _rowStart[s]; k < _rowStart[s + 1]; k++)
                    {
                        int t = _target[k];
                        if (t == s)
                        {
                            self = _probability[k];
                        }
                        else if (!removed[t])
                        {
                            sum += _probability[k] * x[t];
                        }
                    }
                    double updated = self < 1 ? sum / (1 - self) : 0;
                    change = Math.Max(change, Math.Abs(updated - x[s]));
                    x[s] = updated;
                }
                if (change <= Tolerance)
                {
                    maxSweeps = Math.Max(maxSweeps, sweep);
                    return x[Start];
                }
            }
            throw new InvalidOperationException($"The absorption probabilities did not converge in {MaxSweeps:N0} Gauss-Seidel sweeps.");
        }
    }

    /// <summary>
    /// Equality of 64-bit keys with a hash that mixes all their bits (the finalizer of MurmurHash3, Appleby 2011), so that
    /// keys differing in a few low bits of either half land in different buckets.
    /// </summary>
    private sealed class MixedKeyComparer : IEqualityComparer<long>
    {
        public static readonly MixedKeyComparer Instance = new();

        public bool Equals(long x, long y) => x == y;

        public int GetHashCode(long key)
        {
            ulong h = (ulong)key;
            h ^= h >> 33;
            h *= 0xFF51AFD7ED558CCDUL;
            h ^= h >> 33;
            h *= 0xC4CEB9FE1A85EC53UL;
            h ^= h >> 33;
            return (int)h;
        }
    }
}
