using System.Collections.Immutable;
using ContactMetrics.Domain;

namespace ContactMetrics.Valuation;

/// <summary>
/// One line of a business case: an explicit mechanism that turns a KPI change into money a year, its inputs (each with
/// its source), its formula in symbols and with the numbers substituted, and its value at the inputs' point values.
/// <see cref="ValueMechanisms"/> builds the standard lines; <see cref="Product"/> builds any line that is a product of
/// inputs. Immutable; the value is a deterministic function of the inputs.
/// </summary>
public sealed class LineItem
{
    private readonly Func<double[], double> _evaluate;
    private readonly Func<double[], double, string> _render;

    internal LineItem(
        string name,
        string mechanism,
        string formula,
        IEnumerable<UncertainInput> inputs,
        Currency currency,
        Func<double[], double> evaluate,
        Func<double[], double, string> render,
        string? caveat = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(mechanism);
        Name = name;
        Mechanism = mechanism;
        Formula = formula;
        Inputs = [.. inputs];
        if (currency == default)
        {
            throw new ArgumentException($"Line '{name}': the currency must be a real currency, not the default XXX.", nameof(currency));
        }
        Currency = currency;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in Inputs)
        {
            Preconditions.CheckArgument(input is not null, nameof(inputs), $"Line '{name}': an input is null.");
            Preconditions.CheckArgument(names.Add(input!.Name), nameof(inputs), $"Line '{name}': two inputs are named '{input.Name}'.");
            if (input.Currency is Currency c && c != currency)
            {
                throw new CurrencyMismatchException(currency, c);
            }
        }
        _evaluate = evaluate;
        _render = render;
        Caveat = caveat;
        var points = Inputs.Select(i => i.Point).ToArray();
        PointAmount = Evaluate(points);
        Value = ValuationFormat.Money(PointAmount, currency);
        FormulaWithValues = render(points, PointAmount);
    }

    /// <summary>The name, e.g. <c>Repeat contacts avoided (FCR +5 points)</c>.</summary>
    public string Name { get; }

    /// <summary>How the KPI change becomes money, in words.</summary>
    public string Mechanism { get; }

    /// <summary>The formula in the inputs' names.</summary>
    public string Formula { get; }

    /// <summary>The formula with the point values substituted and its result.</summary>
    public string FormulaWithValues { get; }

    /// <summary>The inputs, each with its interval, distribution and source.</summary>
    public ImmutableArray<UncertainInput> Inputs { get; }

    /// <summary>The currency of the value.</summary>
    public Currency Currency { get; }

    /// <summary>The value a year at the inputs' point values, rounded to cents.</summary>
    public Money Value { get; }

    /// <summary>What the mechanism does not establish (e.g. that attribution is not causation); <see langword="null"/> when nothing to add.</summary>
    public string? Caveat { get; }

    internal double PointAmount { get; }

    /// <summary>
    /// A line whose value a year is the product of its inputs, exactly one of them an amount of money (e.g. contacts x
    /// share x cost per contact).
    /// </summary>
    /// <param name="name">The name; not blank.</param>
    /// <param name="mechanism">How the KPI change becomes money, in words; not blank.</param>
    /// <param name="currency">The currency of the value; the money input must be in it.</param>
    /// <param name="factors">The inputs to multiply, in the order the formula shows them; unique names.</param>
    /// <param name="caveat">What the mechanism does not establish, if anything.</param>
    /// <returns>The line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factors"/> is null.</exception>
    /// <exception cref="ArgumentException">A name is blank, a factor is null, two factors share a name, or not exactly one factor is money.</exception>
    /// <exception cref="CurrencyMismatchException">The money factor is in another currency than <paramref name="currency"/>.</exception>
    public static LineItem Product(string name, string mechanism, Currency currency, IEnumerable<UncertainInput> factors, string? caveat = null)
    {
        Preconditions.CheckNotNull(factors);
        var list = factors.ToArray();
        Preconditions.CheckArgument(list.All(f => f is not null), nameof(factors), $"Line '{name}': a factor is null.");
        int money = list.Count(f => f.Currency is not null);
        Preconditions.CheckArgument(money == 1, nameof(factors),
            $"Line '{name}': a product line needs exactly one factor in money (a cost or a value per unit); {money} were given.");
        return new LineItem(name, mechanism, string.Join(" x ", list.Select(f => f.Name)), list, currency,
            values =>
            {
                double product = 1;
                foreach (var v in values)
                {
                    product *= v;
                }
                return product;
            },
            (values, result) => string.Join(" x ", values.Select((v, i) => list[i].Format(v))) + " = " + ValuationFormat.Amount(result, currency),
            caveat);
    }

    /// <summary>The value a year for the given input values (in the order of <see cref="Inputs"/>).</summary>
    internal double Evaluate(double[] values)
    {
        double value = _evaluate(values);
        if (!double.IsFinite(value))
        {
            throw new InvalidOperationException($"Line '{Name}' evaluated to {value} for inputs [{string.Join(", ", values)}]; the inputs' ranges allow a value that is not a number.");
        }
        return value;
    }

    /// <summary>The formula with the given values substituted.</summary>
    internal string Render(double[] values) => _render(values, Evaluate(values));

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Value} ({FormulaWithValues})";
}
