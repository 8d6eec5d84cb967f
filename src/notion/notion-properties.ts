import type { PageObjectResponse } from '@notionhq/client';
import type { ReviewPage, ReviewPageContent } from './review-page';

/** Property names of the reviews database (contract: Upstream schemas). */
export const PROPERTY = {
  movie: 'Movie',
  rating: 'Rating',
  review: 'Review',
  author: 'Author',
  reviewId: 'Review ID',
} as const;

/** Notion's request limits: a rich_text item holds at most 2,000 characters, an array at most 100 items. */
export const RICH_TEXT_ITEM_LIMIT = 2000;
export const RICH_TEXT_ARRAY_LIMIT = 100;

type RichTextRequest = { type: 'text'; text: { content: string } };

/**
 * Splits text into rich_text items of at most 2,000 UTF-16 units, never between the halves of a surrogate
 * pair. An empty text is an empty array, as Notion stores it.
 */
export function richText(text: string): RichTextRequest[] {
  const items: RichTextRequest[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + RICH_TEXT_ITEM_LIMIT, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    items.push({ type: 'text', text: { content: text.slice(start, end) } });
    start = end;
  }
  if (items.length > RICH_TEXT_ARRAY_LIMIT) throw new RangeError(`text of ${text.length} characters exceeds Notion's rich_text limits`);
  return items;
}

export function reviewProperties(content: ReviewPageContent) {
  return {
    [PROPERTY.movie]: { type: 'title' as const, title: richText(content.movie) },
    [PROPERTY.rating]: { type: 'number' as const, number: content.rating },
    [PROPERTY.review]: { type: 'rich_text' as const, rich_text: richText(content.review) },
    [PROPERTY.author]: { type: 'rich_text' as const, rich_text: richText(content.author) },
    [PROPERTY.reviewId]: { type: 'number' as const, number: content.reviewId },
  };
}

type PropertyValue = PageObjectResponse['properties'][string];

function textOf(value: PropertyValue | undefined): string {
  if (value?.type === 'title') return value.title.map((item) => item.plain_text).join('');
  if (value?.type === 'rich_text') return value.rich_text.map((item) => item.plain_text).join('');
  return '';
}

function numberOf(value: PropertyValue | undefined): number | null {
  return value?.type === 'number' ? value.number : null;
}

/** Our view of a page, whatever someone did to its properties in Notion. */
export function toReviewPage(page: PageObjectResponse): ReviewPage {
  const properties = page.properties;
  return {
    id: page.id,
    inTrash: page.in_trash,
    content: {
      reviewId: numberOf(properties[PROPERTY.reviewId]),
      movie: textOf(properties[PROPERTY.movie]),
      rating: numberOf(properties[PROPERTY.rating]),
      review: textOf(properties[PROPERTY.review]),
      author: textOf(properties[PROPERTY.author]),
    },
  };
}
