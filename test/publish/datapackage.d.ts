// The part of `datapackage` (Frictionless' JavaScript library, no types of its own) the tests use.
declare module 'datapackage' {
  interface Resource {
    name: string;
    tabular: boolean;
    descriptor: { path: string };
    read(options?: { forceCast?: boolean }): Promise<unknown[][]>;
    checkRelations(): Promise<true>;
  }
  export class Package {
    static load(descriptor: object, options?: { basePath?: string; strict?: boolean }): Promise<Package>;
    valid: boolean;
    errors: Error[];
    resources: Resource[];
  }
}
