using System.Text.RegularExpressions;
using ModelMesh.Serving;

namespace ModelMesh.FrontDoor.Management;

/// <summary>What a model or vmodel id may look like: letters, digits and <c>. _ - : @</c>, up to 253 characters.</summary>
public static partial class ModelIdRules
{
    public static string Require(string id, string what = "model id")
    {
        if (string.IsNullOrEmpty(id) || id.Length > 253 || !IdPattern().IsMatch(id))
        {
            throw ServingException.InvalidArgument(
                $"{what} '{id}' is invalid: use 1-253 letters, digits and . _ - : @, starting with a letter or digit");
        }

        return id;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:@-]*$")]
    private static partial Regex IdPattern();
}
