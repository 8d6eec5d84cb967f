import { emptyProperties, PageProperties } from './property-values';

export interface StoredPage {
  readonly id: string;
  /** Creation order, the tie-break between pages created within the same minute. */
  readonly sequence: number;
  inTrash: boolean;
  readonly createdTime: string;
  lastEditedTime: string;
  properties: PageProperties;
}

/** Notion rounds `created_time` and `last_edited_time` down to the minute. */
export function notionTimestamp(now: Date): string {
  const rounded = new Date(now.getTime());
  rounded.setUTCSeconds(0, 0);
  return rounded.toISOString();
}

/** The pages of the one simulated data source, in memory. */
export class PageStore {
  private readonly pagesById = new Map<string, StoredPage>();
  private nextSequence = 0;

  constructor(
    private readonly newId: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  create(properties: PageProperties): StoredPage {
    const timestamp = notionTimestamp(this.now());
    const page: StoredPage = {
      id: this.newId(),
      sequence: this.nextSequence++,
      inTrash: false,
      createdTime: timestamp,
      lastEditedTime: timestamp,
      properties: { ...emptyProperties(), ...properties },
    };
    this.pagesById.set(page.id, page);
    return page;
  }

  get(id: string): StoredPage | undefined {
    return this.pagesById.get(id);
  }

  all(): StoredPage[] {
    return [...this.pagesById.values()];
  }

  setProperties(page: StoredPage, properties: PageProperties): void {
    page.properties = { ...page.properties, ...properties };
    this.touch(page);
  }

  setInTrash(page: StoredPage, inTrash: boolean): void {
    if (page.inTrash === inTrash) return;
    page.inTrash = inTrash;
    this.touch(page);
  }

  delete(id: string): boolean {
    return this.pagesById.delete(id);
  }

  private touch(page: StoredPage): void {
    page.lastEditedTime = notionTimestamp(this.now());
  }
}
