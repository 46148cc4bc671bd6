import { ApiProperty } from '@nestjs/swagger';

/** Response shapes of /localities and /census, for the OpenAPI document the web app's client is generated from. */
export class LocalityView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'North' }) name!: string;
  @ApiProperty({ type: [String], example: ['E05013700'], description: 'ONS codes (wards, MSOAs, LSOAs) the locality covers' }) onsCodes!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class CensusDimensionSummaryView {
  @ApiProperty({ example: 'sex' }) dimension!: string;
  @ApiProperty({ description: 'Areas with figures for the dimension' }) areas!: number;
  @ApiProperty() rows!: number;
}

export class CensusDatasetView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Census 2021' }) name!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: [CensusDimensionSummaryView] }) dimensions!: CensusDimensionSummaryView[];
}

export class CensusRowProblemView {
  @ApiProperty({ description: 'Line of the file, the header being line 1' }) row!: number;
  @ApiProperty() column!: string;
  @ApiProperty() rule!: string;
  @ApiProperty() message!: string;
}

export class CensusImportReportView {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ format: 'uuid' }) datasetId!: string;
  @ApiProperty() rowsRead!: number;
  @ApiProperty() rowsImported!: number;
  @ApiProperty({ description: 'Rows of other local authorities in a national file, which are not this organisation’s' }) rowsSkippedOtherAreas!: number;
  @ApiProperty({ type: [String] }) dimensions!: string[];
  @ApiProperty() areas!: number;
  @ApiProperty({ type: [CensusRowProblemView] }) problems!: CensusRowProblemView[];
}

export class CensusFigureView {
  @ApiProperty({ example: 'E09000019' }) areaCode!: string;
  @ApiProperty({ example: 'Islington' }) areaName!: string;
  @ApiProperty({ example: 'sex' }) dimension!: string;
  @ApiProperty({ example: 'Female' }) category!: string;
  @ApiProperty() count!: number;
}
