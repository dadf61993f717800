using System.Collections.Immutable;
using System.Globalization;
using ContactMetrics.Domain;

namespace ContactMetrics.Valuation;

/// <summary>
/// A business case: a named scenario (e.g. <c>FCR +5 points</c>), its line items in one currency and their total a
/// year, with a seeded Monte Carlo over the inputs (<see cref="Analyze(int, int)"/>) and a one-at-a-time sensitivity
/// (<see cref="Tornado"/>). Inputs are shared between lines by name. Immutable; every result is deterministic given the
/// inputs and the seed.
/// </summary>
public sealed class BusinessCase
{
    /// <summary>The most Monte Carlo draws <see cref="Analyze(int, int)"/> takes: every draw of every line is kept for the percentiles.</summary>
    public const int MaxIterations = 10_000_000;

    private readonly int[][] _inputIndex;

    /// <summary>Creates a business case.</summary>
    /// <param name="scenario">The scenario's name; not blank.</param>
    /// <param name="currency">The currency of every line.</param>
    /// <param name="lines">The line items; at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="lines"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="scenario"/> is blank, there are no lines, a line is null, two lines share a name, or two lines
    /// use inputs of the same name that differ (a shared input must be the same input everywhere; the message names it).
    /// </exception>
    /// <exception cref="CurrencyMismatchException">A line is in another currency.</exception>
    public BusinessCase(string scenario, Currency currency, IEnumerable<LineItem> lines)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scenario);
        Preconditions.CheckNotNull(lines);
        Scenario = scenario;
        Currency = currency;
        Lines = [.. lines];
        Preconditions.CheckArgument(Lines.Length > 0, nameof(lines), "A business case needs at least one line item.");
        var lineNames = new HashSet<string>(StringComparer.Ordinal);
        var inputs = new List<UncertainInput>();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        _inputIndex = new int[Lines.Length][];
        for (int l = 0; l < Lines.Length; l++)
        {
            var line = Lines[l];
            Preconditions.CheckArgument(line is not null, nameof(lines), $"lines[{l}] is null.");
            Preconditions.CheckArgument(lineNames.Add(line!.Name), nameof(lines), $"Two lines are named '{line.Name}'.");
            if (line.Currency != currency)
            {
                throw new CurrencyMismatchException(currency, line.Currency);
            }
            _inputIndex[l] = new int[line.Inputs.Length];
            for (int k = 0; k < line.Inputs.Length; k++)
            {
                var input = line.Inputs[k];
                if (byName.TryGetValue(input.Name, out int index))
                {
                    Preconditions.CheckArgument(inputs[index] == input, nameof(lines),
                        $"Input '{input.Name}' of line '{line.Name}' differs from the input of that name in an earlier line (point, interval, unit, distribution or source); a shared input must be one and the same.");
                }
                else
                {
                    index = inputs.Count;
                    byName.Add(input.Name, index);
                    inputs.Add(input);
                }
                _inputIndex[l][k] = index;
            }
        }
        Inputs = [.. inputs];
        // The lines as shown (each to the cent) add up to the total exactly, so a waterfall of the lines closes on it.
        Total = new Money(Lines.Sum(l => ValuationFormat.Money(l.PointAmount, currency).Amount), currency);
    }

    /// <summary>The scenario's name.</summary>
    public string Scenario { get; }

    /// <summary>The currency of every line and of the total.</summary>
    public Currency Currency { get; }

    /// <summary>The line items, in the order given.</summary>
    public ImmutableArray<LineItem> Lines { get; }

    /// <summary>Every distinct input of the lines, in order of first use.</summary>
    public ImmutableArray<UncertainInput> Inputs { get; }

    /// <summary>The total a year at the inputs' point values (the sum of the lines, rounded to cents once).</summary>
    public Money Total { get; }

    /// <summary>Runs the Monte Carlo with a seed and the sensitivity; see <see cref="Analyze(int, Random)"/>.</summary>
    /// <param name="iterations">The number of draws; in [2, <see cref="MaxIterations"/>].</param>
    /// <param name="seed">The seed of the generator (<see cref="Random(int)"/>).</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iterations"/> is outside [2, <see cref="MaxIterations"/>].</exception>
    public BusinessCaseAnalysis Analyze(int iterations, int seed) => Analyze(iterations, new Random(seed), seed, CancellationToken.None, null);

    /// <summary>Runs the Monte Carlo with a seed, stoppable and watched: the token is checked and the draws done so far reported every 1,024 draws (and at the end).</summary>
    /// <param name="iterations">The number of draws; in [2, <see cref="MaxIterations"/>].</param>
    /// <param name="seed">The seed of the generator (<see cref="Random(int)"/>).</param>
    /// <param name="cancellationToken">Stops the draws; the call then throws <see cref="OperationCanceledException"/>.</param>
    /// <param name="progress">Receives the number of draws done; null for none.</param>
    /// <returns>The analysis, the same as <see cref="Analyze(int, int)"/>'s when not cancelled.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iterations"/> is outside [2, <see cref="MaxIterations"/>].</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public BusinessCaseAnalysis Analyze(int iterations, int seed, CancellationToken cancellationToken, IProgress<int>? progress = null) =>
        Analyze(iterations, new Random(seed), seed, cancellationToken, progress);

    /// <summary>
    /// Runs the Monte Carlo: each iteration draws every distinct input once (a shared input has the same value in every
    /// line of the iteration), evaluates every line and the total; then P10, P50, P90, the mean and its Monte Carlo
    /// standard error per line and for the total, and the tornado.
    /// </summary>
    /// <param name="iterations">The number of draws; in [2, <see cref="MaxIterations"/>].</param>
    /// <param name="random">The generator; the caller seeds it.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iterations"/> is outside [2, <see cref="MaxIterations"/>].</exception>
    /// <remarks>
    /// Inputs are drawn independently of each other: a correlation between inputs (e.g. a higher cost per contact going
    /// with a higher loaded FTE cost) is not modelled unless the caller makes them one shared input. Percentiles are the
    /// R type 7 sample quantiles of the draws.
    /// </remarks>
    public BusinessCaseAnalysis Analyze(int iterations, Random random) => Analyze(iterations, random, null, CancellationToken.None, null);

    private BusinessCaseAnalysis Analyze(int iterations, Random random, int? seed, CancellationToken cancellationToken, IProgress<int>? progress)
    {
        Preconditions.CheckNotNull(random);
        Preconditions.CheckInRange(iterations, 2, MaxIterations);
        var lineDraws = new double[Lines.Length][];
        for (int l = 0; l < lineDraws.Length; l++)
        {
            lineDraws[l] = new double[iterations];
        }
        var totals = new double[iterations];
        var drawn = new double[Inputs.Length];
        var lineValues = Lines.Select(l => new double[l.Inputs.Length]).ToArray();
        for (int it = 0; it < iterations; it++)
        {
            if ((it & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (it > 0)
                {
                    progress?.Report(it);
                }
            }
            for (int i = 0; i < drawn.Length; i++)
            {
                drawn[i] = Inputs[i].Sample(random);
            }
            double total = 0;
            for (int l = 0; l < Lines.Length; l++)
            {
                var map = _inputIndex[l];
                var values = lineValues[l];
                for (int k = 0; k < map.Length; k++)
                {
                    values[k] = drawn[map[k]];
                }
                double v = Lines[l].Evaluate(values);
                lineDraws[l][it] = v;
                total += v;
            }
            totals[it] = total;
        }
        progress?.Report(iterations);
        var lines = Lines.Select((line, l) => new LineItemAnalysis(line, ValueDistribution.Of(line.PointAmount, lineDraws[l], Currency))).ToImmutableArray();
        var totalDistribution = ValueDistribution.Of((double)Total.Amount, totals, Currency);
        return new BusinessCaseAnalysis(this, iterations, seed, lines, totalDistribution, Tornado());
    }

    /// <summary>
    /// The one-at-a-time sensitivity: each input that has an interval is set to its low and then its high end with every
    /// other input at its point value, and the total recomputed; ranked by the swing |total at high - total at low|,
    /// largest first (ties by name). Fixed inputs are left out.
    /// </summary>
    /// <returns>The tornado entries, largest swing first.</returns>
    /// <remarks>
    /// Each input moves across its own stated interval, whose meaning differs between inputs (a 95% confidence
    /// interval, a user's P10-P90, a min-max range; see <see cref="UncertainInput.IntervalMeaning"/>): the ranking says
    /// which stated range matters most, not which input is most uncertain in a common sense.
    /// </remarks>
    public ImmutableArray<TornadoEntry> Tornado()
    {
        var points = Inputs.Select(i => i.Point).ToArray();
        var entries = new List<TornadoEntry>();
        for (int i = 0; i < Inputs.Length; i++)
        {
            var input = Inputs[i];
            if (input.IsFixed)
            {
                continue;
            }
            var values = (double[])points.Clone();
            values[i] = input.Low;
            double atLow = TotalAt(values);
            values[i] = input.High;
            double atHigh = TotalAt(values);
            entries.Add(new TornadoEntry(input, ValuationFormat.Money(atLow, Currency), ValuationFormat.Money(atHigh, Currency),
                ValuationFormat.Money(Math.Abs(atHigh - atLow), Currency)));
        }
        return [.. entries.OrderByDescending(e => e.Swing.Amount).ThenBy(e => e.Input.Name, StringComparer.Ordinal)];
    }

    private double TotalAt(double[] inputValues)
    {
        double total = 0;
        for (int l = 0; l < Lines.Length; l++)
        {
            var map = _inputIndex[l];
            var values = new double[map.Length];
            for (int k = 0; k < map.Length; k++)
            {
                values[k] = inputValues[map[k]];
            }
            total += Lines[l].Evaluate(values);
        }
        return total;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Scenario}: {Total} a year ({Lines.Length} lines)");
}
