using System.Security.Cryptography;
using System.Text;

namespace Pozytywka.StreamProcessor.Api;

/// <summary>
/// The admin key that guards writes which change what the service believes: promoting a model version and
/// reporting a play's real outcome (play ids are guessable). Compared in constant time.
/// </summary>
public static class AdminKey
{
    public const string Header = "X-Api-Key";

    /// <summary>Null when the request may go on; otherwise the problem to answer with.</summary>
    public static IResult? Refuse(string? presented, ApiOptions options, string action)
    {
        var expected = options.AdminApiKey;
        if (expected.Length == 0)
            return TypedResults.Problem($"{action} is disabled: no Api:AdminApiKey is configured", statusCode: StatusCodes.Status403Forbidden, title: "Disabled");
        if (presented is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
            return TypedResults.Problem($"{action} needs the admin key in the {Header} header", statusCode: StatusCodes.Status401Unauthorized, title: "API key required");
        return null;
    }
}
