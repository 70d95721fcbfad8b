import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SchoolSchema, type School, type SchoolInput } from '../domain/model';
import { queryAll } from './dynamo-query';
import { NotFoundError, ValidationError } from './errors';
import { keys } from './keys';
import * as z from 'zod';

export interface SchoolRepository {
  getSchool(schoolId: string): Promise<School>;
  listSchools(): Promise<School[]>;
  putSchool(school: SchoolInput): Promise<School>;
}

/** School profiles: one item each, the whole validated School under `profile`, listed through gsi1 SCHOOLS. */
export class DynamoSchoolRepository implements SchoolRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async getSchool(schoolId: string): Promise<School> {
    const result = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.schoolProfile(schoolId) }));
    if (!result.Item) throw new NotFoundError(`No school with id "${schoolId}"`);
    return parseProfile(result.Item.profile, schoolId);
  }

  async listSchools(): Promise<School[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :schools',
      ExpressionAttributeValues: { ':schools': 'SCHOOLS' },
    });
    return items.map((item) => parseProfile(item.profile, String(item.gsi1sk)));
  }

  async putSchool(input: SchoolInput): Promise<School> {
    const school = validateSchool(input);
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.schoolProfile(school.id),
          ...keys.schoolsIndex(school.id),
          type: 'school',
          profile: school,
          updatedAt: new Date().toISOString(),
        },
      }),
    );
    return school;
  }
}

/** Validates a school's configuration with a message that names every bad field. */
export const validateSchool = (input: unknown, where = 'school configuration'): School => {
  const parsed = SchoolSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(`Invalid ${where}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
};

const parseProfile = (profile: unknown, schoolId: string): School =>
  validateSchool(profile, `stored profile of school "${schoolId}"`);
