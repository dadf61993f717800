namespace ContactMetrics.Attribution;

/// <summary>
/// Last non-service touch: all of a conversion's credit goes to the last channel of its path that is not a
/// service contact (by default a channel named <c>service:*</c>, see <see cref="JourneyOptions.DefaultServicePrefix"/>).
/// A path of service touches only credits its last touch, so the credits still sum to the total.
/// </summary>
/// <remarks>The analogue of Google Analytics' "last non-direct click", with service contacts in the role of direct visits.</remarks>
public sealed class LastNonServiceTouchAttribution : IAttributionModel
{
    private readonly string _servicePrefix;

    /// <summary>Creates the model.</summary>
    /// <param name="servicePrefix">The prefix that marks a service channel; default <c>service:</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="servicePrefix"/> is null or empty.</exception>
    public LastNonServiceTouchAttribution(string servicePrefix = JourneyOptions.DefaultServicePrefix)
    {
        Preconditions.CheckArgument(!string.IsNullOrEmpty(servicePrefix), nameof(servicePrefix), "The service prefix is empty.");
        _servicePrefix = servicePrefix;
    }

    /// <inheritdoc />
    public AttributionResult Attribute(PathSummary paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var isService = paths.Channels.Select(c => c.StartsWith(_servicePrefix, StringComparison.Ordinal)).ToArray();
        return PositionalCredit.Distribute(paths, $"last non-service touch (service: '{_servicePrefix}*')", (path, w) =>
        {
            int last = path.Length - 1;
            for (int i = path.Length - 1; i >= 0; i--)
            {
                if (!isService[path[i]])
                {
                    last = i;
                    break;
                }
            }
            w[last] = 1;
        });
    }
}
