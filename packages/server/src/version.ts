/** The platform's version, from the root package.json (inlined by the build). */
import rootPackage from '../../../package.json' with { type: 'json' };

export const platformVersion: string = rootPackage.version;
