/** Types of the parts of the Frictionless `datapackage` library (JavaScript, untyped) that the tests use. */
declare module 'datapackage' {
  /** Validates a descriptor against its profile (the JSON Schemas shipped with the library). */
  export function validate(descriptor: string | object): Promise<{ valid: boolean; errors: Error[] }>;

  /** A loaded Data Package. */
  export class Package {
    static load(descriptor: string | object, options?: { basePath?: string; strict?: boolean }): Promise<Package>;
    readonly valid: boolean;
    readonly errors: Error[];
    readonly resources: Resource[];
    readonly descriptor: Record<string, unknown>;
  }

  /** A resource of a package; `read` casts every value under its Table Schema. */
  export class Resource {
    readonly name: string;
    readonly headers: string[] | null;
    read(options?: { keyed?: boolean; cast?: boolean; relations?: boolean }): Promise<unknown[]>;
  }
}
