using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using ContactMetrics.Numerics;

namespace ContactMetrics.Attribution;

/// <summary>Where Markov attribution puts the conversions no channel touched (the one-touch path of <see cref="JourneyOptions.DirectChannel"/>).</summary>
public enum UntouchedConversions
{
    /// <summary>
    /// Credited to the direct channel alone and kept out of the chain and the removal-effect normalisation (the default):
    /// a conversion no channel touched shifts no credit between the channels.
    /// </summary>
    CreditDirect = 0,

    /// <summary>A path of its own inside the chain, normalised with the others (the older behaviour: it takes part of every channel's share).</summary>
    InChain = 1,
}

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
/// conversions, and the same shares of the total value (the chain models conversion, not value); or, with
/// <c>valueWeighted</c>, value credits from removal effects on the expected conversion value (ChannelAttribution's
/// value definition: a conversion from a state takes the mean value of the converting paths whose last state it is).</para>
/// <para>Untouched conversions (paths that are only the direct channel) are, by default, credited to the direct
/// channel alone and left out of the chain and the normalisation (<see cref="UntouchedConversions.CreditDirect"/>).</para>
/// <para>Absorption probabilities are solved exactly from the linear system x = Qx + r of the absorbing chain,
/// not simulated. Each removal's solve starts from the full chain's solution. On chains with at least 4 transitions per
/// state (many journeys per state, as on long paths, where Gauss-Seidel needs hundreds of sweeps because a journey
/// leaves the chain with small probability per step): restarted GMRES on the system scaled by each state's self-loop,
/// preconditioned by one backward Gauss-Seidel sweep, until no equation's residual exceeds 1e-14. On sparser chains,
/// and whenever GMRES stalls: Gauss-Seidel over the sparse transitions, solving each state's self-loop in closed form,
/// until no probability moves by more than 1e-15 (the chain is absorbing, so the iteration is a contraction).
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
    private const double ResidualTolerance = 1e-14;
    private const int KrylovWorkspace = 8_000_000;
    private const int MinTransitionsPerStateForKrylov = 4;

    /// <summary>Creates the model.</summary>
    /// <param name="order">The chain's order k, 1 to <see cref="MaxOrder"/>. Default 1.</param>
    /// <param name="untouched">Where untouched conversions go; <see cref="UntouchedConversions.CreditDirect"/> by default.</param>
    /// <param name="valueWeighted">Whether value credits come from removal effects on conversion value (ChannelAttribution's value definition) instead of the conversion shares; <see langword="false"/> by default.</param>
    /// <param name="directChannel">The channel name of an untouched conversion; <see cref="JourneyOptions.DefaultDirectChannel"/> by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> or <paramref name="untouched"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="directChannel"/> is blank.</exception>
    public MarkovAttribution(int order = 1, UntouchedConversions untouched = UntouchedConversions.CreditDirect, bool valueWeighted = false,
        string directChannel = JourneyOptions.DefaultDirectChannel)
    {
        Order = Preconditions.CheckInRange(order, 1, MaxOrder);
        if (!Enum.IsDefined(untouched))
        {
            throw new ArgumentOutOfRangeException(nameof(untouched), untouched, "Not a defined choice; use CreditDirect or InChain.");
        }
        Preconditions.CheckArgument(!string.IsNullOrWhiteSpace(directChannel), nameof(directChannel), "The direct channel's name is blank.");
        Untouched = untouched;
        ValueWeighted = valueWeighted;
        DirectChannel = directChannel;
    }

    /// <summary>The order of the chain.</summary>
    public int Order { get; }

    /// <summary>
    /// Hash the chain's keys with the default <see cref="long"/> hash, as before the keys were mixed: quadratic on long unique
    /// paths. Kept only as the benchmark baseline.
    /// </summary>
    internal bool UnmixedKeyHash { get; init; }

    /// <summary>
    /// Solve every absorption system by Gauss-Seidel from zero, as before the Krylov solver: slow on chains that mix well but
    /// absorb slowly (long paths). Kept only as the benchmark baseline and the tests' reference.
    /// </summary>
    internal bool GaussSeidelOnly { get; init; }

    /// <summary>The most transient states; <see cref="MaxStates"/> except in tests of the limit.</summary>
    internal int StateLimit { get; init; } = MaxStates;

    /// <summary>Where untouched conversions go.</summary>
    public UntouchedConversions Untouched { get; }

    /// <summary>Whether value credits are value-weighted removal effects (ChannelAttribution's value definition).</summary>
    public bool ValueWeighted { get; }

    /// <summary>The channel name of an untouched conversion.</summary>
    public string DirectChannel { get; }

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
        int direct = Untouched == UntouchedConversions.CreditDirect ? paths.IndexOf(DirectChannel) : -1;
        double directConversions = 0, directValue = 0;
        for (int p = 0; direct >= 0 && p < paths.Count; p++)
        {
            if (IsOnlyDirect(paths.Path(p), direct))
            {
                directConversions += paths.Conversions[p];
                directValue += paths.Values[p];
            }
        }
        var chain = Chain.Build(paths, Order, direct, StateLimit, UnmixedKeyHash ? EqualityComparer<long>.Default : MixedKeyComparer.Instance, progress, cancellationToken);
        int channels = paths.Channels.Length;
        var values = new double[chain.StateCount];
        var removed = new bool[chain.StateCount];
        int sweeps = 0;
        var effects = RemovalEffects(chain, channels, values, removed, null, GaussSeidelOnly, ref sweeps, out double baseline, progress, cancellationToken);
        var valueEffects = ValueWeighted
            ? RemovalEffects(chain, channels, values, removed, chain.ConversionValues, GaussSeidelOnly, ref sweeps, out _, null, cancellationToken)
            : effects;
        var conversions = Shares(effects, paths.TotalConversions - directConversions);
        var value = Shares(valueEffects, paths.TotalValueAmount - directValue);
        if (direct >= 0)
        {
            conversions[direct] += directConversions;
            value[direct] += directValue;
        }
        string untouched = Untouched == UntouchedConversions.CreditDirect ? $"; untouched conversions credited to {DirectChannel} alone, outside the normalisation" : $"; untouched conversions ({DirectChannel}) inside the chain";
        string valueText = ValueWeighted ? "; value by removal effects on conversion value (ChannelAttribution)" : "; value in the conversion shares";
        var attribution = AttributionResult.FromCredits(
            string.Create(CultureInfo.InvariantCulture, $"markov (order {Order}, removal effects{untouched}{valueText})"),
            paths.Channels, conversions, value, paths.Currency);
        return new MarkovAttributionResult(attribution, baseline, ImmutableCollectionsMarshal.AsImmutableArray(effects), Order, chain.StateCount - FirstTransient, sweeps);
    }

    private static bool IsOnlyDirect(ReadOnlySpan<int> path, int direct) => path.Length == 1 && path[0] == direct;

    /// <summary>The removal effect of every channel: 1 - P(conversion without it) / P(conversion), or the same on expected conversion value when <paramref name="reward"/> is given.</summary>
    private static double[] RemovalEffects(Chain chain, int channels, double[] values, bool[] removed, double[]? reward, bool gaussSeidelOnly, ref int sweeps,
        out double baseline, IProgress<MarkovFitProgress>? progress, CancellationToken cancellationToken)
    {
        Array.Clear(removed);
        Array.Clear(values);
        baseline = chain.Solve(values, removed, ref sweeps, reward, gaussSeidelOnly, cancellationToken);
        chain.Report(progress, MarkovFitStep.SolvingRemovalEffects, 1, channels + 1);
        var effects = new double[channels];
        if (baseline > 0)
        {
            var full = (double[])values.Clone();
            for (int c = 0; c < channels; c++)
            {
                chain.MarkStatesWith(c, removed);
                // Warm start from the full chain's solution: removing states only lowers the others' probabilities,
                // and only near the removed states.
                full.CopyTo(values, 0);
                effects[c] = 1 - chain.Solve(values, removed, ref sweeps, reward, gaussSeidelOnly, cancellationToken) / baseline;
                chain.Report(progress, MarkovFitStep.SolvingRemovalEffects, c + 2, channels + 1);
            }
        }
        return effects;
    }

    /// <summary>Removal effects normalised to sum to <paramref name="total"/>; all zero when no effect is positive.</summary>
    private static double[] Shares(double[] effects, double total)
    {
        double sum = effects.Sum();
        var shares = new double[effects.Length];
        if (sum > 0)
        {
            for (int c = 0; c < effects.Length; c++)
            {
                shares[c] = effects[c] / sum * total;
            }
        }
        return shares;
    }

    /// <summary>The absorbing chain in compressed sparse rows, with the channels of each state.</summary>
    private sealed class Chain
    {
        private int[] _rowStart = [];
        private int[] _target = [];
        private double[] _probability = [];
        private int[] _stateChannels = [];
        private int[] _stateChannelStart = [];
        private int[] _scaledRowStart = [];
        private int[] _scaledTarget = [];
        private double[] _scaledProbability = [];
        private double[] _scaledConversion = [];
        private double[] _selfLoop = [];
        private RestartedGmres? _krylov;
        private double[]? _krylovRhs;
        private Action<double[], double[]>? _multiply;
        private Action<double[], double[]>? _multiplyPreconditioned;
        private Action<double[], double[]>? _precondition;
        private int[] _scaledUpperStart = [];
        private double[] _preconditioned = [];
        private bool[] _removedForProduct = [];

        public int StateCount { get; private set; }

        public void Report(IProgress<MarkovFitProgress>? progress, MarkovFitStep step, int completed, int total)
            => progress?.Report(new MarkovFitProgress(step, completed, total, StateCount - FirstTransient));

        /// <summary>Per state, the mean value of the converting paths that end in it (their value / their conversions), relative to the largest: what a conversion from that state is worth.</summary>
        public double[] ConversionValues { get; private set; } = [];

        /// <summary>Builds the chain of every path but those that are only channel <paramref name="leaveOut"/> (-1: none).</summary>
        public static Chain Build(PathSummary paths, int order, int leaveOut, int stateLimit, IEqualityComparer<long> keys, IProgress<MarkovFitProgress>? progress, CancellationToken cancellationToken)
        {
            int channels = paths.Channels.Length;
            if (Math.Pow(channels + 1, order) >= long.MaxValue)
            {
                throw new ArgumentException($"A Markov chain of order {order} over {channels} channels has too many possible states to index; use a lower order.", nameof(paths));
            }
            var states = new Dictionary<long, int>(keys);
            var stateTuples = new List<int[]> { Array.Empty<int>(), Array.Empty<int>(), Array.Empty<int>() };
            var counts = new Dictionary<long, double>(keys);
            var valueOf = new Dictionary<int, (double Value, double Conversions)>();
            for (int p = 0; p < paths.Count; p++)
            {
                if ((p & ProgressMask) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new MarkovFitProgress(MarkovFitStep.BuildingChain, p, paths.Count, stateTuples.Count - FirstTransient));
                }
                double conversions = paths.Conversions[p], nulls = paths.Nulls[p];
                double journeys = conversions + nulls;
                var path = paths.Path(p);
                if (journeys == 0 || IsOnlyDirect(path, leaveOut))
                {
                    continue;
                }
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
                if (conversions > 0)
                {
                    ref var v = ref CollectionsMarshal.GetValueRefOrAddDefault(valueOf, previous, out _);
                    v = (v.Value + paths.Values[p], v.Conversions + conversions);
                }
            }
            var chain = new Chain { StateCount = stateTuples.Count, ConversionValues = new double[stateTuples.Count] };
            // Scaled to at most 1, so the solve's absolute tolerance means the same as for probabilities; removal
            // effects are ratios, so the scale cancels.
            double largest = valueOf.Values.Select(v => v.Value / v.Conversions).DefaultIfEmpty(0).Max();
            foreach (var (state, (value, conversions)) in valueOf)
            {
                chain.ConversionValues[state] = largest > 0 ? value / conversions / largest : 0;
            }
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
            FillScaled();
            _stateChannelStart = new int[StateCount + 1];
            var channelsOfStates = new List<int>();
            for (int s = 0; s < StateCount; s++)
            {
                channelsOfStates.AddRange(stateTuples[s].Distinct());
                _stateChannelStart[s + 1] = channelsOfStates.Count;
            }
            _stateChannels = [.. channelsOfStates];
        }

        /// <summary>The transitions between transient states without self-loops, each row divided by 1 - its self-loop, and the scaled conversion probabilities.</summary>
        private void FillScaled()
        {
            _selfLoop = new double[StateCount];
            _scaledConversion = new double[StateCount];
            _scaledRowStart = new int[StateCount + 1];
            int kept = 0;
            for (int s = 0; s < StateCount; s++)
            {
                for (int k = _rowStart[s]; k < _rowStart[s + 1]; k++)
                {
                    int t = _target[k];
                    if (t == s)
                    {
                        _selfLoop[s] = _probability[k];
                    }
                    else if (t is not (Converted or Null))
                    {
                        kept++;
                    }
                }
            }
            _scaledTarget = new int[kept];
            _scaledUpperStart = new int[StateCount];
            _scaledProbability = new double[kept];
            kept = 0;
            for (int s = 0; s < StateCount; s++)
            {
                double scale = _selfLoop[s] < 1 ? 1 / (1 - _selfLoop[s]) : 0;
                _scaledUpperStart[s] = -1;
                for (int k = _rowStart[s]; k < _rowStart[s + 1]; k++)
                {
                    int t = _target[k];
                    if (t == Converted)
                    {
                        _scaledConversion[s] = _probability[k] * scale;
                    }
                    else if (t != s && t != Null)
                    {
                        if (t > s && _scaledUpperStart[s] < 0)
                        {
                            _scaledUpperStart[s] = kept;
                        }
                        _scaledTarget[kept] = t;
                        _scaledProbability[kept++] = _probability[k] * scale;
                    }
                }
                _scaledRowStart[s + 1] = kept;
                if (_scaledUpperStart[s] < 0)
                {
                    _scaledUpperStart[s] = kept;
                }
            }
        }

        public void MarkStatesWith(int channel, bool[] removed)
        {
            for (int s = 0; s < StateCount; s++)
            {
                removed[s] = _stateChannels.AsSpan(_stateChannelStart[s], _stateChannelStart[s + 1] - _stateChannelStart[s]).Contains(channel);
            }
        }

        /// <summary>
        /// Absorption probability in conversion from start, removed states absorbing into null; with <paramref name="reward"/>,
        /// the expected value at absorption instead (a conversion from state s is worth <c>reward[s]</c>). <paramref name="x"/>
        /// holds the start (zero, or the full chain's solution) and receives the solution.
        /// </summary>
        public double Solve(double[] x, bool[] removed, ref int passes, double[]? reward, bool gaussSeidelOnly, CancellationToken cancellationToken)
        {
            int used = 0;
            if (!gaussSeidelOnly && _scaledTarget.Length >= MinTransitionsPerStateForKrylov * StateCount)
            {
                // A product reads each transition once; orthogonalising against j basis vectors costs about 2 j states. A
                // restart after about twice the transitions per state keeps the second below the first, and the basis
                // within KrylovWorkspace doubles.
                int restart = Math.Min(Math.Clamp(2 * _scaledTarget.Length / StateCount, 8, 40), Math.Max(4, KrylovWorkspace / StateCount));
                _krylov ??= new RestartedGmres(StateCount, restart);
                var b = _krylovRhs ??= new double[StateCount];
                for (int s = 0; s < StateCount; s++)
                {
                    bool active = IsActive(s, removed);
                    b[s] = active ? _scaledConversion[s] * (reward is null ? 1 : reward[s]) : 0;
                    if (!active)
                    {
                        x[s] = 0;
                    }
                }
                _multiply ??= Multiply;
                _multiplyPreconditioned ??= MultiplyPreconditioned;
                _precondition ??= Precondition;
                _removedForProduct = removed;
                if (_krylov.Solve(_multiply, _multiplyPreconditioned, _precondition, b, x, ResidualTolerance, MaxSweeps, ref used, cancellationToken))
                {
                    passes = Math.Max(passes, used);
                    return x[Start];
                }
            }
            else if (gaussSeidelOnly)
            {
                Array.Clear(x);
            }
            return GaussSeidel(x, removed, ref passes, used, reward, cancellationToken);
        }

        private bool IsActive(int s, bool[] removed) => s is not (Converted or Null) && !removed[s] && _selfLoop[s] < 1;

        /// <summary>
        /// y = A v for the Jacobi-scaled system of the transient states that are not removed: y[s] = v[s] - sum over t != s of
        /// P(s, t) / (1 - P(s, s)) v[t]; the identity on every other state (their entries stay zero in the Krylov space).
        /// </summary>
        private void Multiply(double[] v, double[] y)
        {
            var removed = _removedForProduct;
            for (int s = 0; s < StateCount; s++)
            {
                double sum = 0;
                if (IsActive(s, removed))
                {
                    for (int k = _scaledRowStart[s]; k < _scaledRowStart[s + 1]; k++)
                    {
                        sum += _scaledProbability[k] * v[_scaledTarget[k]];
                    }
                }
                y[s] = v[s] - sum;
            }
        }

        /// <summary>
        /// z = M^-1 v for the preconditioner of one backward Gauss-Seidel sweep, M = I - U with U the scaled transitions to
        /// higher-numbered states (updated before s in the sweep): back substitution z[s] = v[s] + sum over t > s of P'(s, t) z[t].
        /// </summary>
        private void Precondition(double[] v, double[] z)
        {
            var removed = _removedForProduct;
            for (int s = StateCount - 1; s >= 0; s--)
            {
                double sum = 0;
                if (IsActive(s, removed))
                {
                    for (int k = _scaledUpperStart[s]; k < _scaledRowStart[s + 1]; k++)
                    {
                        sum += _scaledProbability[k] * z[_scaledTarget[k]];
                    }
                }
                z[s] = v[s] + sum;
            }
        }

        /// <summary>
        /// w = A M^-1 v in one pass over the transitions (Eisenstat 1981, "Efficient implementation of a class of preconditioned
        /// conjugate gradient methods", SIAM J. Sci. Stat. Comput. 2(1)): with z = M^-1 v, A z = (I - U) z - L z = v - L z, L the
        /// scaled transitions to lower-numbered states.
        /// </summary>
        private void MultiplyPreconditioned(double[] v, double[] w)
        {
            if (_preconditioned.Length != StateCount)
            {
                _preconditioned = new double[StateCount];
            }
            var z = _preconditioned;
            Precondition(v, z);
            var removed = _removedForProduct;
            for (int s = 0; s < StateCount; s++)
            {
                double sum = 0;
                if (IsActive(s, removed))
                {
                    for (int k = _scaledRowStart[s]; k < _scaledUpperStart[s]; k++)
                    {
                        sum += _scaledProbability[k] * z[_scaledTarget[k]];
                    }
                }
                w[s] = v[s] - sum;
            }
        }

        /// <summary>Gauss-Seidel from <paramref name="x"/>, each state's self-loop solved in closed form, until no entry moves by more than 1e-15.</summary>
        private double GaussSeidel(double[] x, bool[] removed, ref int passes, int passesBefore, double[]? reward, CancellationToken cancellationToken)
        {
            x[Converted] = 1;
            x[Null] = 0;
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
                    if (reward is not null)
                    {
                        x[Converted] = reward[s];
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
                    passes = Math.Max(passes, passesBefore + sweep);
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

        public int GetHashCode(long key) => (int)BitMixing.Mix64((ulong)key);
    }
}
